import { buildDataSourceOptions } from '@app/database';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

export function createDataSource(url: string, embedded: boolean, poolMax = 10): DataSource {
  return new DataSource(
    buildDataSourceOptions({
      url,
      embedded,
      poolMax,
      entities: ALL_ENTITIES,
      migrations: ALL_MIGRATIONS,
    }),
  );
}

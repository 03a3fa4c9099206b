import type { AppConfig } from '@app/common';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where the app's database is: a server named by DATABASE_URL, or the embedded one it started. */
export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, close: () => Promise.resolve() };
  }
  const embedded = await EmbeddedPostgres.start({ dataDir: config.dataDir });
  return { url: embedded.url, embedded: true, close: () => embedded.stop() };
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { MunicipalityEntity } from '../municipality.entity';

@ObjectType('Municipality', {
  description: 'A municipality (市区町村), the tenant of all its data.',
})
export class MunicipalityModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: '全国地方公共団体コード (6 digits)' })
  code!: string;

  @Field()
  name!: string;

  @Field()
  prefecture!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(this: void, e: MunicipalityEntity): MunicipalityModel {
    return Object.assign(new MunicipalityModel(), {
      id: e.id,
      code: e.code,
      name: e.name,
      prefecture: e.prefecture,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    });
  }
}

import { fromGeoJSONPoint, GeoPoint } from '@app/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { MultiPolygon } from 'geojson';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AreaLevel } from '../area-level';
import type { AreaEntity } from '../area.entity';

@ObjectType('Area', { description: 'An area (圏域) of a municipality.' })
export class AreaModel {
  @Field(() => ID)
  id!: string;

  @Field(() => AreaLevel)
  level!: AreaLevel;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "The municipality's own code for the area." })
  code!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'GeoJSON MultiPolygon (WGS 84).' })
  boundary!: MultiPolygon;

  @Field(() => GeoPoint, { description: 'A point inside the area, where it is drawn as a pin.' })
  labelPoint!: GeoPoint;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Used by field resolvers; not exposed as fields. */
  municipalityId!: string;
  parentId!: string | null;

  static from(this: void, e: AreaEntity): AreaModel {
    return Object.assign(new AreaModel(), {
      id: e.id,
      level: e.level,
      name: e.name,
      code: e.code,
      boundary: e.boundary,
      labelPoint: fromGeoJSONPoint(e.labelPoint),
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      municipalityId: e.municipalityId,
      parentId: e.parentId,
    });
  }
}

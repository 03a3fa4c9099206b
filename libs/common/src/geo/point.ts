import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';
import type { Point } from 'geojson';
import { msg } from '../validation/messages';

/** A WGS 84 point as typed by a person: latitude first, as Japanese lists and maps show it. */
@InputType()
export class PointInput {
  @Field(() => Float, { description: 'Latitude (緯度), -90 to 90.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, msg.range('緯度', -90, 90))
  @IsLatitude(msg.range('緯度', -90, 90))
  latitude!: number;

  @Field(() => Float, { description: 'Longitude (経度), -180 to 180.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, msg.range('経度', -180, 180))
  @IsLongitude(msg.range('経度', -180, 180))
  longitude!: number;
}

@ObjectType()
export class GeoPoint {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

export function toGeoJSONPoint(p: { latitude: number; longitude: number }): Point {
  return { type: 'Point', coordinates: [p.longitude, p.latitude] };
}

export function fromGeoJSONPoint(p: Point | null | undefined): GeoPoint | null {
  if (!p) return null;
  return { longitude: p.coordinates[0], latitude: p.coordinates[1] };
}

import { IntInRange, msg, PageArgs } from '@app/common';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ResourceKind, ResourceStatus, Visibility } from '../catalog.enums';

@InputType({ description: 'Within a radius of a point.' })
export class NearInput {
  @Field(() => Float)
  @IsLatitude(msg.range('緯度', -90, 90))
  latitude!: number;

  @Field(() => Float)
  @IsLongitude(msg.range('経度', -180, 180))
  longitude!: number;

  @Field(() => Int, { description: 'Metres, 1 to 100,000.' })
  @IntInRange('半径（メートル）', 1, 100000)
  radiusMeters!: number;
}

@InputType({ description: 'A bounding box, west/south/east/north in degrees.' })
export class BoundingBoxInput {
  @Field(() => Float)
  @IsLongitude(msg.range('西端の経度', -180, 180))
  minLongitude!: number;

  @Field(() => Float)
  @IsLatitude(msg.range('南端の緯度', -90, 90))
  minLatitude!: number;

  @Field(() => Float)
  @IsLongitude(msg.range('東端の経度', -180, 180))
  maxLongitude!: number;

  @Field(() => Float)
  @IsLatitude(msg.range('北端の緯度', -90, 90))
  maxLatitude!: number;
}

@InputType({ description: 'A time window; open means at least one occurrence overlaps it.' })
export class TimeWindowInput {
  @Field()
  @Type(() => Date)
  @IsDate(msg.format('開始日時'))
  from!: Date;

  @Field()
  @Type(() => Date)
  @IsDate(msg.format('終了日時'))
  to!: Date;
}

@InputType({
  description:
    'Takes place on one of these weekdays, overlapping these hours (Japan time), within the next four weeks: e.g. 火曜の午前.',
})
export class WeeklyTimeInput {
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  @ArrayMinSize(1, { message: '曜日を1つ以上選んでください' })
  @IsInt({ each: true, ...msg.oneOf('曜日') })
  @Min(1, { each: true, ...msg.oneOf('曜日') })
  @Max(7, { each: true, ...msg.oneOf('曜日') })
  weekdays!: number[];

  @Field({ defaultValue: '00:00', description: 'HH:MM' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, msg.format('開始時刻', '09:00'))
  from!: string;

  @Field({ defaultValue: '24:00', description: 'HH:MM (24:00 for the end of the day)' })
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, msg.format('終了時刻', '12:00'))
  to!: string;
}

@InputType()
export class ResourceFilter {
  @Field(() => [ResourceKind], { nullable: true })
  @IsOptional()
  @IsEnum(ResourceKind, { each: true, ...msg.oneOf('種類') })
  kinds?: ResourceKind[];

  @Field(() => [ResourceStatus], { nullable: true, description: 'Default: ACTIVE and PAUSED.' })
  @IsOptional()
  @IsEnum(ResourceStatus, { each: true, ...msg.oneOf('状態') })
  statuses?: ResourceStatus[];

  @Field(() => [Visibility], { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { each: true, ...msg.oneOf('公開範囲') })
  visibilities?: Visibility[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', msg.format('団体'))
  organizationId?: string;

  @Field(() => ID, { nullable: true, description: 'In this area or any area inside it.' })
  @IsOptional()
  @IsUUID('all', msg.format('圏域'))
  areaId?: string;

  @Field(() => [String], { nullable: true, description: 'Any of these theme codes.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  themes?: string[];

  @Field({ nullable: true, description: 'Open at this moment.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate(msg.format('日時'))
  openAt?: Date;

  @Field(() => TimeWindowInput, {
    nullable: true,
    description: 'Open at some time in this window (at most 62 days).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeWindowInput)
  openBetween?: TimeWindowInput;

  @Field(() => WeeklyTimeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyTimeInput)
  weekly?: WeeklyTimeInput;

  @Field(() => NearInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;

  @Field(() => BoundingBoxInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoundingBoxInput)
  bbox?: BoundingBoxInput;

  @Field({ nullable: true, description: 'Has a free seat, or takes a waitlist.' })
  @IsOptional()
  @IsBoolean()
  hasOpenSeats?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  freeOfCharge?: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntInRange('参加費の上限', 0, 1000000)
  maxFeeYen?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  staleOnly?: boolean;

  // Gentle-first-step flags: when true, only resources that offer it.
  @Field({ nullable: true }) @IsOptional() @IsBoolean() mayJustBeThere?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() talkingOptional?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() observationVisit?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() supporterMayAccompany?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() canGrowGradually?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() firstTimerFriendly?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() onlineParticipation?: boolean;
}

export const PROFILE_FLAGS = [
  ['mayJustBeThere', 'may_just_be_there'],
  ['talkingOptional', 'talking_optional'],
  ['observationVisit', 'observation_visit'],
  ['supporterMayAccompany', 'supporter_may_accompany'],
  ['canGrowGradually', 'can_grow_gradually'],
  ['firstTimerFriendly', 'first_timer_friendly'],
  ['onlineParticipation', 'online_participation'],
] as const;

@ArgsType()
export class ResourcesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Defaults to the request's municipality." })
  @IsOptional()
  @IsUUID('all', msg.format('自治体'))
  municipalityId?: string;

  @Field(() => ResourceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceFilter)
  filter?: ResourceFilter;
}

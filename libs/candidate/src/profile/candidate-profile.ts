import { GroupSize, PhysicalDemand } from '@app/catalog';
import { FieldError, IntInRange, msg } from '@app/common';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/**
 * How far a person is on the way back (DOMAIN.md, "Pace is the core variable"), from not yet going
 * out to near work. Matching never offers more than the stage allows.
 */
export enum PaceStage {
  NOT_YET_OUT = 'NOT_YET_OUT',
  JUST_BEING_THERE = 'JUST_BEING_THERE',
  SHORT_TASKS = 'SHORT_TASKS',
  REGULAR_ACTIVITY = 'REGULAR_ACTIVITY',
  NEAR_WORK = 'NEAR_WORK',
}
export const PACE_STAGES = Object.values(PaceStage);

export enum TravelMode {
  WALK = 'WALK',
  BICYCLE = 'BICYCLE',
  TRANSIT = 'TRANSIT',
}
/** Metres a minute, for turning minutes of travel into a reach. */
export const TRAVEL_SPEED: Record<TravelMode, number> = { WALK: 70, BICYCLE: 200, TRANSIT: 300 };

export enum Goal {
  PLACE_TO_BE = 'PLACE_TO_BE',
  ROLE = 'ROLE',
  WORK = 'WORK',
}

export enum SupportPhase {
  /** 相談支援のみ: no consent-based support plan yet. */
  BEFORE_PLAN = 'BEFORE_PLAN',
  /** 本人同意のある支援プラン. */
  WITH_PLAN = 'WITH_PLAN',
}

registerEnumType(PaceStage, {
  name: 'PaceStage',
  description:
    'NOT_YET_OUT: まだ外出しない・オンラインのみ / JUST_BEING_THERE: いるだけ / SHORT_TASKS: 短い決まった作業 / REGULAR_ACTIVITY: 定期的な活動 / NEAR_WORK: 就労に近い',
});
registerEnumType(TravelMode, { name: 'TravelMode' });
registerEnumType(Goal, {
  name: 'Goal',
  description: 'PLACE_TO_BE: 居場所 / ROLE: 役割 / WORK: 仕事',
});
registerEnumType(SupportPhase, { name: 'SupportPhase' });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_WINDOWS = 21;

@InputType('AvailabilityWindowInput')
@ObjectType('AvailabilityWindow', {
  description: 'A weekly time the person can take part (Japan time)',
})
export class AvailabilityWindow {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday … 7 = Sunday' })
  @IntInRange('曜日', 1, 7)
  weekday!: number;

  @Field({ description: 'HH:MM' })
  @Matches(TIME, msg.format('開始時刻', '13:00'))
  from!: string;

  @Field({ description: 'HH:MM, after from' })
  @Matches(TIME, msg.format('終了時刻', '16:00'))
  to!: string;
}

@InputType('PaceLimitsInput')
@ObjectType('PaceLimits', { description: 'What the person can take on now' })
export class PaceLimits {
  @Field(() => Int, { description: 'Longest session in minutes' })
  @IntInRange('1回の参加時間の上限', 15, 600)
  maxSessionMinutes!: number;

  @Field(() => Int)
  @IntInRange('週あたりの参加回数', 1, 7)
  sessionsPerWeek!: number;

  @Field({ defaultValue: false })
  @IsBoolean(msg.format('静かな場所の希望'))
  needsQuiet!: boolean;

  @Field({ defaultValue: false, description: 'Wants places where talking is optional' })
  @IsBoolean(msg.format('話さなくてもよい場所の希望'))
  talkingOptional!: boolean;

  @Field({ defaultValue: false })
  @IsBoolean(msg.format('支援者の同行の希望'))
  wantsSupporter!: boolean;

  @Field({ defaultValue: false })
  @IsBoolean(msg.format('見学からの希望'))
  wantsObservationFirst!: boolean;
}

@InputType('TravelInput')
@ObjectType('Travel', { description: 'How far the person can go: minutes by a means, or metres' })
export class Travel {
  @Field(() => TravelMode)
  @IsEnum(TravelMode, msg.format('移動手段'))
  mode!: TravelMode;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntInRange('移動時間（分）', 1, 180)
  minutes?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntInRange('移動距離（m）', 1, 100_000)
  meters?: number | null;
}

@InputType('HomePointInput')
@ObjectType('HomePoint', { description: 'Home, coarsened to about 500 m when stored' })
export class HomePoint {
  @Field(() => Float)
  @IsLatitude(msg.format('緯度'))
  latitude!: number;

  @Field(() => Float)
  @IsLongitude(msg.format('経度'))
  longitude!: number;
}

@InputType('ConstraintsInput')
@ObjectType('Constraints')
export class Constraints {
  @Field(() => PhysicalDemand, {
    nullable: true,
    description: 'The most physical work the person can do',
  })
  @IsOptional()
  @IsEnum(PhysicalDemand, msg.format('体力面の上限'))
  maxPhysicalDemand?: PhysicalDemand | null;

  @Field(() => [GroupSize], {
    nullable: true,
    description: 'Group sizes the person is comfortable with',
  })
  @IsOptional()
  @ArrayMaxSize(4, msg.format('人数の希望'))
  @IsEnum(GroupSize, { each: true, ...msg.format('人数の希望') })
  groupSizes?: GroupSize[] | null;

  @Field({ defaultValue: false })
  @IsBoolean(msg.format('人混みを避ける希望'))
  avoidCrowds!: boolean;

  @Field({ defaultValue: false })
  @IsBoolean(msg.format('オンラインのみ'))
  onlineOnly!: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntInRange('費用の上限（円）', 0, 100_000)
  maxFeeYen?: number | null;
}

/**
 * The participation profile of a candidate. It says much about a person's circumstances, so it is
 * stored only encrypted; matching decrypts it in the application and passes its values to SQL.
 */
@InputType('CandidateProfileInput')
@ObjectType('CandidateProfile')
export class CandidateProfile {
  @Field(() => PaceStage)
  @IsEnum(PaceStage, msg.format('ペースの段階'))
  paceStage!: PaceStage;

  @Field(() => PaceLimits)
  @ValidateNested()
  @Type(() => PaceLimits)
  limits!: PaceLimits;

  @Field(() => [AvailabilityWindow])
  @ArrayMaxSize(MAX_WINDOWS, msg.format('参加できる時間帯'))
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindow)
  availability!: AvailabilityWindow[];

  @Field(() => Travel)
  @ValidateNested()
  @Type(() => Travel)
  travel!: Travel;

  @Field(() => HomePoint, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HomePoint)
  home?: HomePoint | null;

  @Field(() => [String], { description: 'Theme codes of the catalogue taxonomy' })
  @ArrayMaxSize(30, msg.format('関心'))
  @IsString({ each: true })
  interests!: string[];

  @Field(() => [String], { description: 'Strengths and skills, in words' })
  @ArrayMaxSize(20, msg.format('得意なこと'))
  @IsString({ each: true })
  @MaxLength(40, { each: true, ...msg.maxLength('得意なこと') })
  strengths!: string[];

  @Field(() => Constraints)
  @ValidateNested()
  @Type(() => Constraints)
  constraints!: Constraints;

  @Field(() => [Goal])
  @ArrayMaxSize(3, msg.format('目標'))
  @IsEnum(Goal, { each: true, ...msg.format('目標') })
  goals!: Goal[];

  @Field(() => SupportPhase)
  @IsEnum(SupportPhase, msg.format('支援の段階'))
  supportPhase!: SupportPhase;

  @Field(() => Int, { nullable: true, description: 'For age limits of places' })
  @IsOptional()
  @IntInRange('生まれ年', 1900, 2030)
  birthYear?: number | null;

  @Field({
    defaultValue: true,
    description: 'Lives in the municipality (for residents-only places)',
  })
  @IsBoolean(msg.format('市内在住'))
  resident!: boolean;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Rules across fields that decorators cannot express; each problem names its field. */
export function profileProblems(
  p: CandidateProfile,
  knownThemes: Set<string>,
  base = 'profile',
): FieldError[] {
  const problems: FieldError[] = [];
  const sorted = p.availability
    .map((w, i) => ({ ...w, i, start: minutesOf(w.from), end: minutesOf(w.to) }))
    .sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  for (const [k, w] of sorted.entries()) {
    if (w.end <= w.start) {
      problems.push({
        field: `${base}.availability.${w.i}.to`,
        message: '終了時刻は開始時刻より後にしてください',
      });
      continue;
    }
    const previous = sorted[k - 1];
    if (previous && previous.weekday === w.weekday && previous.end > w.start)
      problems.push({
        field: `${base}.availability.${w.i}.from`,
        message: '同じ曜日の時間帯が重なっています',
      });
  }
  if (!p.travel.minutes && !p.travel.meters && !p.constraints.onlineOnly)
    problems.push({ field: `${base}.travel`, message: '移動できる時間か距離を指定してください' });
  if (p.paceStage === PaceStage.NOT_YET_OUT && !p.constraints.onlineOnly)
    problems.push({
      field: `${base}.constraints.onlineOnly`,
      message: 'まだ外出しない段階では、オンラインのみを選んでください',
    });
  for (const [i, code] of p.interests.entries())
    if (!knownThemes.has(code))
      problems.push({
        field: `${base}.interests.${i}`,
        // The typed value is not repeated: an error message is no place for what a person said.
        message: '関心はテーマの一覧から選んでください',
      });
  return problems;
}

/** About 500 m: the home point is kept only to this precision. */
export const HOME_GRID_DEGREES = 0.005;
export function coarsen(home: HomePoint): HomePoint {
  const round = (x: number) => Math.round(x / HOME_GRID_DEGREES) * HOME_GRID_DEGREES;
  return {
    latitude: Number(round(home.latitude).toFixed(3)),
    longitude: Number(round(home.longitude).toFixed(3)),
  };
}

/** How far the person can go, in metres (the larger of the distance and the minutes' reach). */
export function reachMeters(travel: Travel): number {
  return Math.max(travel.meters ?? 0, (travel.minutes ?? 0) * TRAVEL_SPEED[travel.mode]);
}

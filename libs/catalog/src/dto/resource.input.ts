import {
  IntInRange,
  IsOptionalNotNull,
  OptionalEmail,
  OptionalPhone,
  msg,
  OptionalText,
  PointInput,
  RequiredText,
  Trim,
} from '@app/common';
import { Field, ID, InputType, Int, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  BookingRequirement,
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ResourceStatus,
  Visibility,
} from '../catalog.enums';
import { ClosureInput, ScheduleInput, SessionInput } from './schedule.input';

@InputType()
export class ContactInput {
  @Field(() => String, { nullable: true })
  @OptionalText('連絡先の担当者', 50)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalEmail()
  email?: string | null;
}

@InputType({ description: '定員 and how to join.' })
export class OpeningsInput {
  @Field(() => Int, { nullable: true, description: '定員; null when there is no fixed limit.' })
  @IsOptional()
  @IntInRange('定員', 0, 100000)
  capacity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Left out: unchanged; null is refused.' })
  @IsOptionalNotNull()
  @IntInRange('参加中の人数', 0, 100000)
  seatsTaken?: number;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean(msg.format('キャンセル待ち'))
  hasWaitlist?: boolean;

  @Field(() => BookingRequirement, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(BookingRequirement, msg.oneOf('予約'))
  booking?: BookingRequirement;
}

@InputType({ description: 'What the resource asks of a person: the core of pace matching.' })
export class ParticipationProfileInput {
  @Field(() => Int, { nullable: true, description: 'Usual length of a session, in minutes.' })
  @IsOptional()
  @IntInRange('1回の時間', 1, 1440)
  typicalMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: 'Shortest way to take part, in minutes.' })
  @IsOptional()
  @IntInRange('最短の参加時間', 1, 1440)
  minimumMinutes?: number | null;

  @Field({ nullable: true, description: 'Time can grow little by little (1 h → 2 h …).' })
  @IsOptional()
  @IsBoolean()
  canGrowGradually?: boolean;

  @Field({ nullable: true, description: 'ただいるだけ可: one may just be there.' })
  @IsOptional()
  @IsBoolean()
  mayJustBeThere?: boolean;

  @Field({ nullable: true, description: 'Fine if talking is hard.' })
  @IsOptional()
  @IsBoolean()
  talkingOptional?: boolean;

  @Field({ nullable: true, description: '見学可: an observation visit is possible.' })
  @IsOptional()
  @IsBoolean()
  observationVisit?: boolean;

  @Field({ nullable: true, description: '同行可: a supporter may come along.' })
  @IsOptional()
  @IsBoolean()
  supporterMayAccompany?: boolean;

  @Field(() => GroupSize, { nullable: true })
  @IsOptional()
  @IsEnum(GroupSize, msg.oneOf('人数の規模'))
  groupSize?: GroupSize | null;

  @Field(() => PhysicalDemand, { nullable: true })
  @IsOptional()
  @IsEnum(PhysicalDemand, msg.oneOf('体力の負担'))
  physicalDemand?: PhysicalDemand | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  onlineParticipation?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  firstTimerFriendly?: boolean;
}

@InputType()
export class EligibilityInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntInRange('対象年齢（下限）', 0, 120)
  minAge?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntInRange('対象年齢（上限）', 0, 120)
  maxAge?: number | null;

  @Field(() => Residency, { nullable: true })
  @IsOptional()
  @IsEnum(Residency, msg.oneOf('対象（在住・在勤）'))
  residency?: Residency;

  @Field(() => [String], {
    nullable: true,
    description: 'Who it is for, in words (e.g. 子育て中の親).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true, ...msg.maxLength('対象') })
  targetGroups?: string[];

  @Field({
    nullable: true,
    description: 'The target groups would label people: never show them publicly.',
  })
  @IsOptional()
  @IsBoolean()
  targetGroupsSensitive?: boolean;
}

@InputType()
export class FeeInput {
  @Field(() => Int, { description: '0 means free of charge.' })
  @IntInRange('参加費', 0, 1000000)
  yen!: number;

  @Field(() => String, { nullable: true, description: 'e.g. 材料費300円（初回無料）' })
  @OptionalText('費用の説明', 200)
  note?: string | null;
}

/** Details that only some kinds have. Each field is accepted only for its kind. */
@InputType()
export class ResourceDetailsInput {
  @Field({ nullable: true, description: 'IBASHO: drop in at any time during opening hours.' })
  @IsOptional()
  @IsBoolean()
  dropIn?: boolean;

  @Field({ nullable: true, description: 'IBASHO: meals are served (e.g. 子ども食堂).' })
  @IsOptional()
  @IsBoolean()
  mealsServed?: boolean;

  @Field(() => String, { nullable: true, description: 'VOLUNTEER, WORK_PLACEMENT: what one does.' })
  @OptionalText('作業の内容', 500)
  tasks?: string | null;

  @Field(() => Int, { nullable: true, description: 'VOLUNTEER: people per session.' })
  @IsOptional()
  @IntInRange('1回の募集人数', 1, 1000)
  slotsPerSession?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'WORK_PLACEMENT: hourly pay in yen; 0 or null if unpaid.',
  })
  @IsOptional()
  @IntInRange('時給', 0, 100000)
  hourlyWageYen?: number | null;

  @Field({ nullable: true, description: 'WORK_PLACEMENT: may lead to regular employment.' })
  @IsOptional()
  @IsBoolean()
  mayLeadToEmployment?: boolean;

  @Field(() => Int, { nullable: true, description: 'PROGRAM: number of sessions of a course.' })
  @IsOptional()
  @IntInRange('回数', 1, 365)
  sessionCount?: number | null;

  @Field(() => String, { nullable: true, description: 'PROGRAM: 講座, 相談会, 家族会, …' })
  @OptionalText('形式', 50)
  format?: string | null;
}

/** Fields shared by create and update; update accepts each of them as optional. */
@InputType({ isAbstract: true })
abstract class ResourceFieldsInput {
  @Field(() => String, { nullable: true })
  @OptionalText('説明', 4000)
  description?: string | null;

  @Field(() => ResourceDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceDetailsInput)
  details?: ResourceDetailsInput | null;

  @Field(() => ContactInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput | null;

  @Field(() => PointInput, { nullable: true, description: 'Omit for online-only resources.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointInput)
  location?: PointInput | null;

  @Field(() => String, { nullable: true })
  @OptionalText('住所', 200)
  address?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set to override the area found from the location.',
  })
  @IsOptional()
  @IsUUID('all', msg.format('圏域'))
  areaId?: string | null;

  @Field({
    nullable: true,
    description: 'Show the public only the area, never the point or address.',
  })
  @IsOptional()
  @IsBoolean()
  confidentialLocation?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  onlineOnly?: boolean;

  @Field(() => OpeningsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OpeningsInput)
  openings?: OpeningsInput;

  @Field(() => ParticipationProfileInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipationProfileInput)
  profile?: ParticipationProfileInput;

  @Field(() => EligibilityInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilityInput)
  eligibility?: EligibilityInput;

  @Field(() => FeeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => FeeInput)
  fee?: FeeInput;

  @Field(() => [String], { nullable: true, description: 'Theme codes from the `themes` query.' })
  @IsOptional()
  @ArrayMaxSize(10, { message: 'テーマは10個までにしてください' })
  @IsString({ each: true })
  themes?: string[];

  @Field(() => [String], { nullable: true, description: 'Free tags.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'タグは20個までにしてください' })
  @Trim()
  @IsString({ each: true })
  @MaxLength(30, { each: true, ...msg.maxLength('タグ') })
  tags?: string[];

  @Field(() => Visibility, { nullable: true, description: 'Default PUBLIC.' })
  @IsOptional()
  @IsEnum(Visibility, msg.oneOf('公開範囲'))
  visibility?: Visibility;

  @Field(() => [ScheduleInput], { nullable: true, description: 'Replaces all recurring rules.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: '繰り返しの日程は20件までにしてください' })
  @ValidateNested({ each: true })
  @Type(() => ScheduleInput)
  schedules?: ScheduleInput[];

  @Field(() => [SessionInput], { nullable: true, description: 'Replaces all one-off sessions.' })
  @IsOptional()
  @ArrayMaxSize(366, { message: '単発の日程は366件までにしてください' })
  @ValidateNested({ each: true })
  @Type(() => SessionInput)
  sessions?: SessionInput[];

  @Field(() => [ClosureInput], { nullable: true, description: 'Replaces all closures.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: '休みの期間は100件までにしてください' })
  @ValidateNested({ each: true })
  @Type(() => ClosureInput)
  closures?: ClosureInput[];
}

@InputType()
export class CreateResourceInput extends ResourceFieldsInput {
  @Field(() => ID)
  @IsUUID('all', msg.format('自治体'))
  municipalityId!: string;

  @Field(() => ID)
  @IsUUID('all', msg.format('団体'))
  organizationId!: string;

  @Field(() => ResourceKind)
  @IsEnum(ResourceKind, msg.oneOf('種類'))
  kind!: ResourceKind;

  @Field()
  @RequiredText('名称', 100)
  name!: string;
}

@InputType()
export class UpdateResourceInput extends ResourceFieldsInput {
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @RequiredText('名称', 100)
  name?: string;

  @Field(() => ResourceStatus, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(ResourceStatus, msg.oneOf('状態'))
  status?: ResourceStatus;
}

@InputType({ description: 'Rules to try before saving them (schedulePreview).' })
export class ScheduleDraftInput extends PickType(
  UpdateResourceInput,
  ['schedules', 'sessions', 'closures'] as const,
  InputType,
) {}

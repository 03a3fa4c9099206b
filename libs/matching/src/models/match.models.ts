import { ResourceModel } from '@app/catalog';
import { IntInRange, OptionalText } from '@app/common';
import {
  ArgsType,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';

export enum MatchFactorName {
  INTERESTS = 'INTERESTS',
  DISTANCE = 'DISTANCE',
  SCHEDULE = 'SCHEDULE',
  PACE = 'PACE',
  STRENGTHS = 'STRENGTHS',
  FIRST_TIMER = 'FIRST_TIMER',
}
export enum MatchCheck {
  OPENINGS = 'OPENINGS',
  SCHEDULE = 'SCHEDULE',
  REACH = 'REACH',
  AGE = 'AGE',
  RESIDENCY = 'RESIDENCY',
  SESSION_LENGTH = 'SESSION_LENGTH',
  PACE_STAGE = 'PACE_STAGE',
  TALKING = 'TALKING',
  QUIET = 'QUIET',
  SUPPORTER = 'SUPPORTER',
  OBSERVATION = 'OBSERVATION',
  PHYSICAL = 'PHYSICAL',
  GROUP_SIZE = 'GROUP_SIZE',
  CROWDS = 'CROWDS',
  FEE = 'FEE',
}
registerEnumType(MatchFactorName, { name: 'MatchFactorName' });
registerEnumType(MatchCheck, { name: 'MatchCheck', description: 'A hard filter of matching' });

@ObjectType('MatchFactor', { description: "One factor of a match's score, and what it rests on" })
export class MatchFactorModel {
  @Field(() => MatchFactorName) factor!: MatchFactorName;
  @Field(() => Float, { description: '0 to 1, before the weight' }) value!: number;
  @Field(() => Float) weight!: number;
  @Field(() => Float, { description: 'value × weight' }) contribution!: number;
  @Field(() => [String]) explanations!: string[];
}

@ObjectType('ResourceMatch')
export class ResourceMatchModel {
  @Field(() => ResourceModel) resource!: ResourceModel;
  @Field(() => Float) score!: number;
  @Field(() => Int, { nullable: true }) distanceMeters!: number | null;
  @Field(() => [String], { description: 'Why, in sentences that can be read to the person' })
  explanations!: string[];
  @Field(() => [MatchFactorModel]) factors!: MatchFactorModel[];
}

@ObjectType('NearMiss', { description: 'A listing left out by exactly one filter' })
export class NearMissModel {
  @Field(() => ResourceModel) resource!: ResourceModel;
  @Field(() => MatchCheck) check!: MatchCheck;
  @Field() reason!: string;
}

@ObjectType('MatchResult')
export class MatchResultModel {
  @Field(() => ID) candidateId!: string;
  @Field() alias!: string;
  @Field(() => [ResourceMatchModel]) matches!: ResourceMatchModel[];
  @Field(() => [NearMissModel]) nearMisses!: NearMissModel[];
  @Field(() => Int, { description: 'Listings within reach (or online) that were weighed' })
  considered!: number;
}

@ObjectType('CandidateMatch', { description: 'A candidate who fits a listing, and why' })
export class CandidateMatchModel {
  @Field(() => ID) candidateId!: string;
  @Field() alias!: string;
  @Field(() => Float) score!: number;
  @Field(() => Int, { nullable: true }) distanceMeters!: number | null;
  @Field(() => [String]) explanations!: string[];
  @Field(() => [MatchFactorModel]) factors!: MatchFactorModel[];
}

@ObjectType('CandidateNearMiss', { description: 'A candidate left out by exactly one filter' })
export class CandidateNearMissModel {
  @Field(() => ID) candidateId!: string;
  @Field() alias!: string;
  @Field(() => MatchCheck) check!: MatchCheck;
  @Field() reason!: string;
}

@ObjectType('CandidateMatchResult')
export class CandidateMatchResultModel {
  @Field(() => ResourceModel) resource!: ResourceModel;
  @Field(() => [CandidateMatchModel]) matches!: CandidateMatchModel[];
  @Field(() => [CandidateNearMissModel]) nearMisses!: CandidateNearMissModel[];
  @Field(() => Int, { description: 'Candidates with a profile that were weighed' })
  considered!: number;
}

@InputType()
export class MatchOptionsInput {
  @Field({ defaultValue: false, description: 'Count a full listing with a waitlist as open' })
  @IsBoolean({ message: 'キャンセル待ちの扱いを指定してください' })
  acceptWaitlist!: boolean;

  @Field(() => Int, {
    defaultValue: 28,
    description: 'How many days ahead occurrences are looked at',
  })
  @IntInRange('対象期間（日）', 7, 62)
  horizonDays!: number;

  @Field(() => Int, { defaultValue: 10 })
  @IntInRange('惜しい候補の件数', 0, 50)
  nearMisses!: number;
}

/** What every one-by-one matching query takes besides its subject. */
@ArgsType()
class MatchingArgs {
  @Field(() => Int, { defaultValue: 20 })
  @IntInRange('件数', 1, 50)
  first!: number;

  @Field(() => MatchOptionsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchOptionsInput)
  options?: MatchOptionsInput;

  @Field(() => String, { nullable: true, description: 'Why (kept in the audit log)' })
  @OptionalText('利用目的', 200)
  purpose?: string | null;
}

@ArgsType()
export class MatchResourcesArgs extends MatchingArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  candidateId!: string;
}

@ArgsType()
export class MatchCandidatesArgs extends MatchingArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '活動の指定が正しくありません' })
  resourceId!: string;
}

@InputType('MatchingWeightsInput')
@ObjectType('MatchingWeights', {
  description: "The weight of each factor in the municipality's matching score (0 to 1 each)",
})
export class MatchingWeightsModel {
  @Field(() => Float) @Min(0, weight('関心')) @Max(1, weight('関心')) INTERESTS!: number;
  @Field(() => Float) @Min(0, weight('距離')) @Max(1, weight('距離')) DISTANCE!: number;
  @Field(() => Float) @Min(0, weight('時間帯')) @Max(1, weight('時間帯')) SCHEDULE!: number;
  @Field(() => Float) @Min(0, weight('ペース')) @Max(1, weight('ペース')) PACE!: number;
  @Field(() => Float)
  @Min(0, weight('得意なこと'))
  @Max(1, weight('得意なこと'))
  STRENGTHS!: number;
  @Field(() => Float)
  @Min(0, weight('初めての人への配慮'))
  @Max(1, weight('初めての人への配慮'))
  FIRST_TIMER!: number;
}

function weight(label: string) {
  return { message: `「${label}」の重みは0から1の数にしてください` };
}

@ArgsType()
export class StepUpArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  candidateId!: string;

  @Field(() => ID, { description: 'Where the person takes part now' })
  @IsUUID('all', { message: '今参加している活動の指定が正しくありません' })
  currentResourceId!: string;

  @Field(() => Int, { defaultValue: 10 })
  @IntInRange('件数', 1, 50)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Why (kept in the audit log)' })
  @OptionalText('利用目的', 200)
  purpose?: string | null;
}

export enum AllocationMethod {
  /** The greatest total score under the capacities (min-cost flow). */
  MAX_SCORE = 'MAX_SCORE',
  /** Candidate-proposing deferred acceptance: nobody would both rather have each other. */
  STABLE = 'STABLE',
}
registerEnumType(AllocationMethod, { name: 'AllocationMethod' });

@InputType()
export class AllocationPairInput {
  @Field(() => ID)
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  candidateId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: '活動の指定が正しくありません' })
  resourceId!: string;
}

@InputType()
export class AllocateInput {
  @Field(() => [ID], { description: 'The cohort' })
  @ArrayMinSize(1, { message: '対象者を1人以上選んでください' })
  @ArrayMaxSize(500, { message: '一度に割り当てられる対象者は500人までです' })
  @IsUUID('all', { each: true, message: '対象者の指定が正しくありません' })
  candidateIds!: string[];

  @Field(() => [ID], { description: 'The openings; each takes as many as its open seats' })
  @ArrayMinSize(1, { message: '受け入れ先を1つ以上選んでください' })
  @ArrayMaxSize(200, { message: '一度に選べる受け入れ先は200までです' })
  @IsUUID('all', { each: true, message: '活動の指定が正しくありません' })
  resourceIds!: string[];

  @Field(() => AllocationMethod, { defaultValue: AllocationMethod.MAX_SCORE })
  @IsEnum(AllocationMethod, { message: '割り当ての方法を選んでください' })
  method!: AllocationMethod;

  @Field(() => [AllocationPairInput], { nullable: true, description: 'Pairs to keep as they are' })
  @IsOptional()
  @ArrayMaxSize(500, { message: '固定する組は500までです' })
  @ValidateNested({ each: true })
  @Type(() => AllocationPairInput)
  locked?: AllocationPairInput[];

  @Field(() => [AllocationPairInput], { nullable: true, description: 'Pairs never to make' })
  @IsOptional()
  @ArrayMaxSize(5000, { message: '除外する組は5000までです' })
  @ValidateNested({ each: true })
  @Type(() => AllocationPairInput)
  excluded?: AllocationPairInput[];

  @Field(() => MatchOptionsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchOptionsInput)
  options?: MatchOptionsInput;
}

@ObjectType('AllocationAssignment')
export class AllocationAssignmentModel {
  @Field(() => ID) candidateId!: string;
  @Field() alias!: string;
  @Field(() => ResourceModel) resource!: ResourceModel;
  @Field(() => Float) score!: number;
  @Field({ description: 'Kept as the coordinator locked it' }) locked!: boolean;
  @Field(() => [String]) explanations!: string[];
}

@ObjectType('AllocationResult')
export class AllocationResultModel {
  @Field(() => AllocationMethod) method!: AllocationMethod;
  @Field(() => [AllocationAssignmentModel]) assignments!: AllocationAssignmentModel[];
  @Field(() => [ID], { description: 'Candidates left without a place' }) unassigned!: string[];
  @Field(() => Float) totalScore!: number;
}

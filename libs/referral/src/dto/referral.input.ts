import { OptionalText } from '@app/common';
import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DeclineReason, EndReason, ReferralStatus } from '../referral.entities';

export enum ReferralAnswer {
  ACCEPT = 'ACCEPT',
  WAITLIST = 'WAITLIST',
  DECLINE = 'DECLINE',
}
registerEnumType(ReferralAnswer, {
  name: 'ReferralAnswer',
  description:
    'ACCEPT 受け入れる（空きがなければキャンセル待ち） / WAITLIST キャンセル待ちにする / DECLINE お断りする',
});

/** An idempotency key: 8 to 100 letters, digits, '-', '_' or ':' (a UUID will do). */
export const IdempotencyKey = () =>
  Matches(/^[A-Za-z0-9_:-]{8,100}$/, {
    message: '冪等キーは8〜100文字の英数字と「-」「_」「:」で指定してください',
  });

@InputType()
export class ReferralInput {
  @Field(() => ID)
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  candidateId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: '受け入れ先の活動の指定が正しくありません' })
  resourceId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When the person could come, e.g. 「12月の火曜午後」',
  })
  @OptionalText('参加できそうな時期・時間帯', 200)
  proposedWindow?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A message to the host (stored encrypted); no name or address',
  })
  @OptionalText('受け入れ先へのメッセージ', 2000)
  message?: string | null;
}

@ArgsType()
export class SendReferralArgs {
  @Field(() => ReferralInput)
  @ValidateNested()
  @Type(() => ReferralInput)
  input!: ReferralInput;

  @Field(() => ID, {
    nullable: true,
    description: 'Send this draft (its fields replaced by the input)',
  })
  @IsOptional()
  @IsUUID('all', { message: '下書きの指定が正しくありません' })
  draftId?: string | null;

  @Field({ description: 'Repeat the request with the same key and input: it happens once' })
  @IdempotencyKey()
  idempotencyKey!: string;
}

@InputType()
export class AnswerReferralInput {
  @Field(() => ReferralAnswer)
  @IsEnum(ReferralAnswer, { message: '回答を選んでください' })
  answer!: ReferralAnswer;

  @Field(() => DeclineReason, { nullable: true, description: 'Required to decline' })
  @IsOptional()
  @IsEnum(DeclineReason, { message: 'お断りの理由を選んでください' })
  declineReason?: DeclineReason | null;

  @Field(() => String, {
    nullable: true,
    description: 'A note to the coordinator (stored encrypted)',
  })
  @OptionalText('メモ', 1000)
  note?: string | null;
}

@ArgsType()
export class AnswerReferralArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '紹介の指定が正しくありません' })
  id!: string;

  @Field(() => AnswerReferralInput)
  @ValidateNested()
  @Type(() => AnswerReferralInput)
  input!: AnswerReferralInput;

  @Field({ description: 'Repeat the request with the same key and input: it happens once' })
  @IdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class ReferralNoteArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '紹介の指定が正しくありません' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'A note (stored encrypted)' })
  @OptionalText('メモ', 1000)
  note?: string | null;
}

@ArgsType()
export class ScheduleVisitArgs extends ReferralNoteArgs {
  @Field(() => GraphQLISODateTime, { description: 'When the observation visit (見学) is' })
  @IsDate({ message: '見学の日時を指定してください' })
  at!: Date;
}

@ArgsType()
export class EndReferralArgs extends ReferralNoteArgs {
  @Field(() => EndReason)
  @IsEnum(EndReason, { message: '終了の理由を選んでください' })
  reason!: EndReason;
}

@ArgsType()
export class StepUpReferralArgs extends ReferralNoteArgs {
  @Field(() => ID, { description: 'The next place' })
  @IsUUID('all', { message: '次の活動の指定が正しくありません' })
  resourceId!: string;

  @Field(() => String, { nullable: true })
  @OptionalText('参加できそうな時期・時間帯', 200)
  proposedWindow?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText('受け入れ先へのメッセージ', 2000)
  message?: string | null;

  @Field()
  @IdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class ReferralsArgs {
  @Field(() => [ReferralStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(11)
  @IsEnum(ReferralStatus, { each: true, message: '状態の指定が正しくありません' })
  statuses?: ReferralStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  candidateId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '活動の指定が正しくありません' })
  resourceId?: string | null;
}

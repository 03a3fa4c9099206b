import { CalendarDate, OptionalText } from '@app/common';
import { ArgsType, Field, ID, Int, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { FollowUpKind } from '../accompaniment.entities';

registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: 'CHECK_IN 本人への声かけ・様子の確認 / HOST_SUPPORT 受け入れ先への支援',
});

export enum FollowUpState {
  OPEN = 'OPEN',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
  DONE = 'DONE',
}
registerEnumType(FollowUpState, {
  name: 'FollowUpState',
  description: 'OPEN 未実施 / DUE 期日が今日まで / OVERDUE 期日を過ぎた / DONE 実施済み',
});

@ArgsType()
class OnReferral {
  @Field(() => ID)
  @IsUUID('all', { message: '紹介の指定が正しくありません' })
  referralId!: string;

  @Field({ description: 'The day (YYYY-MM-DD)' })
  @CalendarDate('日付', '2026-11-24')
  on!: string;
}

@ArgsType()
export class LogVisitArgs extends OnReferral {
  @Field(() => Int, { description: 'How long the person stayed, in minutes' })
  @IsInt({ message: '参加時間は1〜1440分で指定してください' })
  @Min(1, { message: '参加時間は1〜1440分で指定してください' })
  @Max(1440, { message: '参加時間は1〜1440分で指定してください' })
  minutes!: number;

  @Field({ defaultValue: false, description: 'Whether a supporter came along' })
  @IsBoolean({ message: '支援者の同行の有無を指定してください' })
  supporterCame!: boolean;

  @Field(() => String, { nullable: true, description: 'A short note (stored encrypted)' })
  @OptionalText('メモ', 500)
  note?: string | null;
}

@ArgsType()
export class LogStepUpArgs extends OnReferral {
  @Field(() => Int)
  @IsInt({ message: '変更前の時間は1〜1440分で指定してください' })
  @Min(1, { message: '変更前の時間は1〜1440分で指定してください' })
  @Max(1440, { message: '変更前の時間は1〜1440分で指定してください' })
  fromMinutes!: number;

  @Field(() => Int)
  @IsInt({ message: '変更後の時間は1〜1440分で指定してください' })
  @Min(1, { message: '変更後の時間は1〜1440分で指定してください' })
  @Max(1440, { message: '変更後の時間は1〜1440分で指定してください' })
  toMinutes!: number;

  @Field(() => String, { nullable: true })
  @OptionalText('メモ', 500)
  note?: string | null;
}

@ArgsType()
export class SelfAssessmentArgs extends OnReferral {
  @Field(() => Int, {
    nullable: true,
    description: 'The person’s own answer, 1 (not connected) to 5 (connected); optional',
  })
  @IsOptional()
  @IsInt({ message: 'つながりの実感は1〜5で指定してください' })
  @Min(1, { message: 'つながりの実感は1〜5で指定してください' })
  @Max(5, { message: 'つながりの実感は1〜5で指定してください' })
  feeling?: number | null;

  @Field(() => String, { nullable: true, description: 'The person’s own words (stored encrypted)' })
  @OptionalText('本人のことば', 2000)
  words?: string | null;
}

@ArgsType()
export class ScheduleFollowUpArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '紹介の指定が正しくありません' })
  referralId!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @CalendarDate('期日', '2026-12-01')
  dueOn!: string;

  @Field(() => FollowUpKind, { defaultValue: FollowUpKind.CHECK_IN })
  @IsEnum(FollowUpKind, { message: 'フォローアップの種類を選んでください' })
  kind!: FollowUpKind;

  @Field(() => String, { nullable: true })
  @OptionalText('メモ', 1000)
  note?: string | null;
}

@ArgsType()
export class CompleteFollowUpArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'フォローアップの指定が正しくありません' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What was found (stored encrypted)' })
  @OptionalText('メモ', 2000)
  note?: string | null;
}

@ArgsType()
export class FollowUpsArgs {
  @Field(() => FollowUpState, { defaultValue: FollowUpState.DUE })
  @IsEnum(FollowUpState, { message: '表示する状態を選んでください' })
  state!: FollowUpState;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '紹介の指定が正しくありません' })
  referralId?: string | null;
}

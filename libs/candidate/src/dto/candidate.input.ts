import { OptionalText, PageArgs, RequiredText } from '@app/common';
import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { CandidateStatus, ConsentMethod } from '../candidate.entities';
import { CandidateProfile } from '../profile/candidate-profile';
import { ConsentData, ConsentRecipient } from '../consent-scope';

registerEnumType(CandidateStatus, { name: 'CandidateStatus' });
registerEnumType(ConsentMethod, {
  name: 'ConsentMethod',
  description: 'ORAL: 口頭 / WRITTEN: 書面 / ELECTRONIC: 電子',
});
registerEnumType(ConsentRecipient, {
  name: 'ConsentRecipient',
  description:
    'HOST: 受け入れ先 / SUPPORT_MEETING: 重層的支援会議・支援会議 / RELATED_AGENCY: 関係機関',
});
registerEnumType(ConsentData, {
  name: 'ConsentData',
  description: 'PROFILE: 仮名のプロフィール（ペース・配慮事項） / NAME: 氏名 / CONTACT: 連絡先',
});

const PURPOSE = { nullable: true, description: 'Why the data is read (kept in the audit log)' };

@InputType()
export class CreateCandidateInput {
  @Field({ description: 'A pseudonym shown on screens and to hosts, e.g. 「Aさん」' })
  @RequiredText('仮名', 40)
  alias!: string;

  @Field(() => String, { nullable: true, description: 'Real name (optional; stored encrypted)' })
  @OptionalText('氏名', 100)
  realName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact details (stored encrypted)' })
  @OptionalText('連絡先', 300)
  contact?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes on circumstances (stored encrypted)' })
  @OptionalText('メモ', 4000)
  notes?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the coordinator's own team" })
  @IsOptional()
  @IsUUID('all', { message: 'チームの指定が正しくありません' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Defaults to the coordinator creating it' })
  @IsOptional()
  @IsUUID('all', { message: '担当者の指定が正しくありません' })
  coordinatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Home area (圏域), never an address' })
  @IsOptional()
  @IsUUID('all', { message: '圏域の指定が正しくありません' })
  areaId?: string | null;

  @Field(() => CandidateProfile, {
    nullable: true,
    description: 'Pace, availability, travel… (stored encrypted)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidateProfile)
  profile?: CandidateProfile | null;
}

@InputType()
export class UpdateCandidateInput {
  @Field({ nullable: true })
  @IsOptional()
  @RequiredText('仮名', 40)
  alias?: string;

  @Field(() => String, { nullable: true })
  @OptionalText('氏名', 100)
  realName?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText('連絡先', 300)
  contact?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText('メモ', 4000)
  notes?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '担当者の指定が正しくありません' })
  coordinatorId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '圏域の指定が正しくありません' })
  areaId?: string | null;

  @Field(() => CandidateProfile, { nullable: true, description: 'Replaces the whole profile' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidateProfile)
  profile?: CandidateProfile | null;
}

@ArgsType()
export class CandidatesArgs extends PageArgs {
  @Field(() => CandidateStatus, { nullable: true, defaultValue: CandidateStatus.ACTIVE })
  @IsOptional()
  @IsEnum(CandidateStatus, { message: '状態の指定が正しくありません' })
  status?: CandidateStatus;

  @Field(() => String, PURPOSE)
  @OptionalText('利用目的', 200)
  purpose?: string | null;
}

@InputType()
export class ConsentScopeInput {
  @Field(() => ConsentRecipient)
  @IsEnum(ConsentRecipient, { message: '共有先を選んでください' })
  recipient!: ConsentRecipient;

  @Field(() => ConsentData)
  @IsEnum(ConsentData, { message: '共有する情報を選んでください' })
  data!: ConsentData;
}

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  candidateId!: string;

  @Field(() => [ConsentScopeInput], { description: 'What may be shared with whom' })
  @ArrayMinSize(1, { message: '同意の範囲を1つ以上選んでください' })
  @ArrayMaxSize(9, { message: '同意の範囲が多すぎます' })
  @ValidateNested({ each: true })
  @Type(() => ConsentScopeInput)
  scopes!: ConsentScopeInput[];

  @Field(() => ConsentMethod)
  @IsEnum(ConsentMethod, { message: '同意の方法を選んでください' })
  method!: ConsentMethod;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Defaults to now' })
  @IsOptional()
  @IsDate({ message: '同意日時の形式が正しくありません' })
  givenAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Unset: until withdrawn' })
  @IsOptional()
  @IsDate({ message: '有効期限の形式が正しくありません' })
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Notes (stored encrypted)' })
  @OptionalText('メモ', 1000)
  note?: string | null;
}

export { PURPOSE };

import {
  IsOptionalNotNull,
  OptionalEmail,
  OptionalPhone,
  msg,
  OptionalText,
  PageArgs,
  PointInput,
  RequiredText,
  Trim,
  TrimToNull,
} from '@app/common';
import { ArgsType, Field, ID, InputType, PartialType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OrganizationType } from '../organization-type';

@InputType()
export class CreateOrganizationInput {
  @Field(() => ID)
  @IsUUID('all', msg.format('自治体'))
  municipalityId!: string;

  @Field()
  @RequiredText('団体名', 100)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Reading in kana (フリガナ).' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @Matches(
    /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s\u3000]+$/u,
    msg.format('フリガナ', 'ミドリノカゼ'),
  )
  @MaxLength(100, msg.maxLength('フリガナ'))
  nameKana?: string | null;

  @Field(() => OrganizationType)
  @IsEnum(OrganizationType, msg.oneOf('団体の種類'))
  type!: OrganizationType;

  @Field(() => String, { nullable: true })
  @OptionalText('団体の紹介', 2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    msg.format('ウェブサイト', 'https://example.jp'),
  )
  @MaxLength(500, msg.maxLength('ウェブサイト'))
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Contact person (担当者) as the organisation publishes it.',
  })
  @OptionalText('担当者', 50)
  contactPerson?: string | null;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsOptional()
  @Matches(/^\d{3}-?\d{4}$/, msg.format('郵便番号', '123-4567'))
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText('住所', 200)
  address?: string | null;

  @Field(() => PointInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointInput)
  location?: PointInput | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set to override the area found from the location.',
  })
  @IsOptional()
  @IsUUID('all', msg.format('圏域'))
  areaId?: string | null;
}

@InputType()
export class UpdateOrganizationInput extends PartialType(
  OmitType(CreateOrganizationInput, ['municipalityId', 'name', 'type'] as const),
) {
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @RequiredText('団体名', 100)
  name?: string;

  @Field(() => OrganizationType, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(OrganizationType, msg.oneOf('団体の種類'))
  type?: OrganizationType;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Defaults to the request's municipality." })
  @IsOptional()
  @IsUUID('all', msg.format('自治体'))
  municipalityId?: string;

  @Field(() => [OrganizationType], { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationType, { each: true, ...msg.oneOf('団体の種類') })
  types?: OrganizationType[];

  @Field(() => ID, {
    nullable: true,
    description: 'Organisations in this area or any area inside it.',
  })
  @IsOptional()
  @IsUUID('all', msg.format('圏域'))
  areaId?: string;

  @Field(() => String, { nullable: true, description: 'Part of the name or its kana reading.' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(100, msg.maxLength('検索語'))
  nameContains?: string;
}

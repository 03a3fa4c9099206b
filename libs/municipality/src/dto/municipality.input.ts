import { IsOptionalNotNull, msg, Trim } from '@app/common';
import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

@InputType()
export class CreateMunicipalityInput {
  @Field({ description: '全国地方公共団体コード (6 digits), e.g. 131105' })
  @Trim()
  @IsString(msg.required('自治体コード'))
  @Matches(/^[0-9]{6}$/, msg.format('自治体コード', '131105（6桁の数字）'))
  code!: string;

  @Field()
  @Trim()
  @IsString(msg.required('自治体名'))
  @IsNotEmpty(msg.required('自治体名'))
  @MaxLength(50, msg.maxLength('自治体名'))
  name!: string;

  @Field()
  @Trim()
  @IsString(msg.required('都道府県'))
  @IsNotEmpty(msg.required('都道府県'))
  @MaxLength(10, msg.maxLength('都道府県'))
  prefecture!: string;
}

@InputType()
export class UpdateMunicipalityInput {
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString(msg.required('自治体名'))
  @IsNotEmpty(msg.required('自治体名'))
  @MaxLength(50, msg.maxLength('自治体名'))
  name?: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString(msg.required('都道府県'))
  @IsNotEmpty(msg.required('都道府県'))
  @MaxLength(10, msg.maxLength('都道府県'))
  prefecture?: string;
}

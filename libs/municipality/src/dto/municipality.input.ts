import { IsOptionalNotNull, msg, RequiredText, Trim } from '@app/common';
import { Field, InputType } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';

@InputType()
export class CreateMunicipalityInput {
  @Field({ description: '全国地方公共団体コード (6 digits), e.g. 131105' })
  @Trim()
  @IsString(msg.required('自治体コード'))
  @Matches(/^[0-9]{6}$/, msg.format('自治体コード', '131105（6桁の数字）'))
  code!: string;

  @Field()
  @RequiredText('自治体名', 50)
  name!: string;

  @Field()
  @RequiredText('都道府県', 10)
  prefecture!: string;
}

@InputType()
export class UpdateMunicipalityInput {
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @RequiredText('自治体名', 50)
  name?: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @RequiredText('都道府県', 10)
  prefecture?: string;
}

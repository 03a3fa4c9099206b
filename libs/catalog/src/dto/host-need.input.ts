import { msg, PageArgs, RequiredText } from '@app/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { HostNeedKind } from '../catalog.enums';

@InputType()
export class AddHostNeedInput {
  @Field(() => ID)
  @IsUUID('all', msg.format('団体'))
  organizationId!: string;

  @Field(() => ID, { nullable: true, description: 'When the need is for one of its resources.' })
  @IsOptional()
  @IsUUID('all', msg.format('活動'))
  resourceId?: string | null;

  @Field(() => HostNeedKind)
  @IsEnum(HostNeedKind, msg.oneOf('必要なものの種類'))
  kind!: HostNeedKind;

  @Field({ description: 'e.g. 配膳ボランティア（平日昼）, 座布団とテーブル' })
  @RequiredText('必要なもの', 300)
  description!: string;
}

@ArgsType()
export class HostNeedsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Defaults to the request's municipality." })
  @IsOptional()
  @IsUUID('all', msg.format('自治体'))
  municipalityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', msg.format('団体'))
  organizationId?: string;

  @Field(() => [HostNeedKind], { nullable: true })
  @IsOptional()
  @IsEnum(HostNeedKind, { each: true, ...msg.oneOf('必要なものの種類') })
  kinds?: HostNeedKind[];

  @Field({ nullable: true, description: 'Only needs not yet met (default true).' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;
}

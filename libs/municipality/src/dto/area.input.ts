import { IsOptionalNotNull, msg, OptionalText, PageArgs, RequiredText } from '@app/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { IsEnum, IsObject, IsOptional, IsUUID } from 'class-validator';
import { AreaLevel } from '../area-level';

@InputType()
export class CreateAreaInput {
  @Field(() => ID)
  @IsUUID('all', msg.format('自治体'))
  municipalityId!: string;

  @Field(() => AreaLevel)
  @IsEnum(AreaLevel, msg.oneOf('圏域の階層'))
  level!: AreaLevel;

  @Field(() => ID, {
    nullable: true,
    description:
      'The enclosing area: a MUNICIPALITY area for a DAILY_LIFE_AREA, a DAILY_LIFE_AREA for a DISTRICT.',
  })
  @IsOptional()
  @IsUUID('all', msg.format('上位の圏域'))
  parentId?: string | null;

  @Field()
  @RequiredText('圏域名', 50)
  name!: string;

  @Field(() => String, { nullable: true })
  @OptionalText('圏域コード', 20)
  code?: string | null;

  @Field(() => GraphQLJSONObject, {
    description: 'GeoJSON Polygon or MultiPolygon (WGS 84, [longitude, latitude]).',
  })
  @IsObject(msg.required('境界（GeoJSON）'))
  boundary!: Record<string, unknown>;
}

@InputType()
export class UpdateAreaInput {
  @Field(() => ID, { nullable: true })
  @IsOptionalNotNull()
  @IsUUID('all', msg.format('上位の圏域'))
  parentId?: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @RequiredText('圏域名', 50)
  name?: string;

  @Field(() => String, { nullable: true })
  @OptionalText('圏域コード', 20)
  code?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @IsOptionalNotNull()
  @IsObject(msg.required('境界（GeoJSON）'))
  boundary?: Record<string, unknown>;
}

@ArgsType()
export class AreasArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Defaults to the request's municipality." })
  @IsOptional()
  @IsUUID('all', msg.format('自治体'))
  municipalityId?: string;

  @Field(() => AreaLevel, { nullable: true })
  @IsOptional()
  @IsEnum(AreaLevel, msg.oneOf('圏域の階層'))
  level?: AreaLevel;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', msg.format('上位の圏域'))
  parentId?: string;
}

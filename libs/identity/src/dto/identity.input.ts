import { OptionalText, RequiredText, Trim } from '@app/common';
import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { UserRole, UserStatus } from '../identity.entities';

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'ADMIN: 自治体職員 / COORDINATOR: CSW・地域福祉コーディネーター / HOST: 受け入れ先',
});
registerEnumType(UserStatus, { name: 'UserStatus' });

const EMAIL = { message: 'メールアドレスの形式が正しくありません（例: info@example.jp）' };

@InputType()
export class CreateUserInput {
  @Field()
  @Trim()
  @IsEmail({}, EMAIL)
  @MaxLength(254, { message: 'メールアドレスは254文字以内にしてください' })
  email!: string;

  @Field({ description: '表示名（氏名）' })
  @RequiredText('表示名', 100)
  displayName!: string;

  @Field(() => UserRole)
  @IsEnum(UserRole, { message: '役割を選んでください' })
  role!: UserRole;

  @Field(() => ID, { nullable: true, description: 'COORDINATOR: the team' })
  @IsOptional()
  @IsUUID('all', { message: 'チームの指定が正しくありません' })
  teamId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'COORDINATOR: the areas (圏域) assigned' })
  @IsOptional()
  @ArrayMaxSize(50, { message: '担当圏域は50件までです' })
  @IsUUID('all', { each: true, message: '担当圏域の指定が正しくありません' })
  areaIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'HOST: the organisations the user belongs to' })
  @IsOptional()
  @ArrayMaxSize(20, { message: '所属団体は20件までです' })
  @IsUUID('all', { each: true, message: '所属団体の指定が正しくありません' })
  organizationIds?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Unset: a temporary password is made and shown once',
  })
  @IsOptional()
  @IsString({ message: 'パスワードを入力してください' })
  password?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  @OptionalText('表示名', 100)
  displayName?: string | null;

  @Field(() => UserRole, { nullable: true })
  @IsOptional()
  @IsEnum(UserRole, { message: '役割を選んでください' })
  role?: UserRole;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'チームの指定が正しくありません' })
  teamId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50, { message: '担当圏域は50件までです' })
  @IsUUID('all', { each: true, message: '担当圏域の指定が正しくありません' })
  areaIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20, { message: '所属団体は20件までです' })
  @IsUUID('all', { each: true, message: '所属団体の指定が正しくありません' })
  organizationIds?: string[];
}

import { Connection, mapPage, Page, PageArgs, Roles } from '@app/common';
import {
  Args,
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { AuditAction, AuditLogEntity } from './audit.entity';
import { AuditService } from './audit.service';

registerEnumType(AuditAction, { name: 'AuditAction' });

@ObjectType('AuditEntry', {
  description: 'Who did what to which person-level record, when and why',
})
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true })
  actorRole!: string | null;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field()
  entityType!: string;

  @Field(() => ID, { nullable: true })
  entityId!: string | null;

  @Field(() => ID, { nullable: true })
  subjectId!: string | null;

  @Field()
  purpose!: string;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field()
  hash!: string;

  static from(a: AuditLogEntity): AuditEntryModel {
    return Object.assign(new AuditEntryModel(), {
      id: a.id,
      occurredAt: a.occurredAt,
      actorUserId: a.actorUserId,
      actorRole: a.actorRole,
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId,
      subjectId: a.subjectId,
      purpose: a.purpose,
      requestId: a.requestId,
      hash: a.hash,
    });
  }
}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The person (candidate) the records are about' })
  @IsOptional()
  @IsUUID('all', { message: '対象者の指定が正しくありません' })
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: 'The user who acted' })
  @IsOptional()
  @IsUUID('all', { message: '利用者の指定が正しくありません' })
  userId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: '開始日時の形式が正しくありません' })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: '終了日時の形式が正しくありません' })
  to?: Date;
}

const AuditConnection = Connection(AuditEntryModel, 'AuditEntry');

@Resolver(() => AuditEntryModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles('ADMIN')
  @Query(() => AuditConnection, { description: "The audit log of the admin's municipality" })
  async auditLog(@Args() args: AuditLogArgs): Promise<Page<AuditEntryModel>> {
    const page = await this.audit.search({
      subjectId: args.subjectId,
      actorUserId: args.userId,
      from: args.from,
      to: args.to,
      first: args.first,
      after: args.after,
    });
    return mapPage(page, (a) => AuditEntryModel.from(a));
  }
}

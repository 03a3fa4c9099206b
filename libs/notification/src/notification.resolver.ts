import { SignedIn } from '@app/common';
import {
  Args,
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { NotificationEntity, NotificationKind } from './notification.entity';
import { NotificationService } from './notification.service';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'REFERRAL_RECEIVED 新しい紹介 / REFERRAL_ANSWERED 紹介への回答 / WAITLIST_PROMOTED キャンセル待ちからの繰り上げ / FOLLOW_UP_OVERDUE 期日を過ぎたフォローアップ',
});

@ObjectType('Notification', {
  description: 'A message of my inbox: the pseudonym at most, the rest behind the link',
})
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => ID, { nullable: true })
  subjectId!: string | null;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field({ description: 'A path of the web app' })
  link!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  readAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ArgsType()
class InboxArgs {
  @Field({ defaultValue: false })
  @IsOptional()
  @IsBoolean({ message: '未読のみかどうかを指定してください' })
  unreadOnly!: boolean;

  @Field(() => Int, { defaultValue: 50 })
  @IsInt({ message: '件数は1〜200で指定してください' })
  @Min(1, { message: '件数は1〜200で指定してください' })
  @Max(200, { message: '件数は1〜200で指定してください' })
  first!: number;
}

@ArgsType()
class MarkReadArgs {
  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'お知らせを選んでください' })
  @ArrayMaxSize(200, { message: '一度に既読にできるのは200件までです' })
  @IsUUID('all', { each: true, message: 'お知らせの指定が正しくありません' })
  ids!: string[];
}

const model = (n: NotificationEntity): NotificationModel => ({
  id: n.id,
  kind: n.kind,
  subjectId: n.subjectId,
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt,
  createdAt: n.createdAt,
});

/** Every signed-in user's own inbox. */
@SignedIn()
@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Query(() => [NotificationModel], { description: 'My inbox, newest first' })
  async inbox(@Args() args: InboxArgs): Promise<NotificationModel[]> {
    return (await this.notifications.inbox(args.unreadOnly, args.first)).map(model);
  }

  @Mutation(() => [NotificationModel])
  async markNotificationsRead(@Args() args: MarkReadArgs): Promise<NotificationModel[]> {
    return (await this.notifications.markRead(args.ids)).map(model);
  }
}

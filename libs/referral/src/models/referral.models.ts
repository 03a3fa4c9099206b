import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DeclineReason, EndReason, ReferralStatus } from '../referral.entities';

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description:
    'DRAFT 下書き / SENT 送付済み / ACCEPTED 受け入れ決定 / DECLINED お断り / WAITLISTED キャンセル待ち / VISIT_SCHEDULED 見学予定 / PARTICIPATING 参加中 / STEPPED_UP 次のステップへ / PAUSED お休み中 / ENDED 終了 / WITHDRAWN 取り下げ',
});
registerEnumType(DeclineReason, {
  name: 'DeclineReason',
  description:
    'NO_CAPACITY 受け入れの枠がない / NOT_A_FIT 活動の内容が合わない / TIMING 時期が合わない / CANNOT_ACCOMMODATE 必要な配慮ができない / OTHER その他',
});
registerEnumType(EndReason, {
  name: 'EndReason',
  description:
    'HAS_PEOPLE_AROUND 身近に頼れる人ができた / MOVED 転居 / CHOSE_TO_STOP 本人がやめることを選んだ / STARTED_WORK 仕事を始めた / OTHER その他',
});

@ObjectType('ReferralEvent', {
  description: 'One step of a referral: who moved it where, when, why',
})
export class ReferralEventModel {
  @Field(() => ReferralStatus, { nullable: true })
  from!: ReferralStatus | null;

  @Field(() => ReferralStatus)
  to!: ReferralStatus;

  @Field()
  label!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'Null when the platform did it' })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "The actor's note" })
  note!: string | null;
}

/** What every view of a referral shows. */
@ObjectType({ isAbstract: true })
abstract class ReferralBase {
  @Field(() => ID)
  id!: string;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field({ description: 'The status in words' })
  statusLabel!: string;

  @Field(() => ID)
  resourceId!: string;

  @Field()
  resourceName!: string;

  @Field({ description: 'The pseudonym, e.g. 「Aさん」' })
  alias!: string;

  @Field(() => String, { nullable: true, description: 'The pace, in words' })
  pace!: string | null;

  @Field(() => [String], { description: '配慮事項: what helps the person take part' })
  accommodations!: string[];

  @Field(() => String, { nullable: true, description: 'When the person could come' })
  proposedWindow!: string | null;

  @Field(() => String, { nullable: true, description: "The coordinator's message to the host" })
  message!: string | null;

  @Field(() => Int, { nullable: true, description: 'Place on the waitlist (1: next)' })
  waitlistPosition!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  visitAt!: Date | null;

  @Field(() => DeclineReason, { nullable: true })
  declineReason!: DeclineReason | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType('Referral', { description: 'A referral (つなぎ) as its coordinators see it' })
export class ReferralModel extends ReferralBase {
  @Field(() => ID)
  candidateId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field({ description: 'Whether it holds one of the listing’s seats' })
  holdsSeat!: boolean;

  @Field(() => EndReason, { nullable: true })
  endReason!: EndReason | null;

  @Field(() => ID, {
    nullable: true,
    description: 'After a step up: the referral to the next place',
  })
  nextReferralId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => [ReferralEventModel])
  history!: ReferralEventModel[];
}

@ObjectType('CoordinatorContact')
export class CoordinatorContactModel {
  @Field()
  name!: string;

  @Field()
  email!: string;
}

@ObjectType('IncomingReferral', {
  description:
    'A referral as the host sees it: the pseudonym, pace, accommodations, time window and the coordinator’s contact; the name and contact details only once accepted, and only if the person agreed',
})
export class IncomingReferralModel extends ReferralBase {
  @Field(() => CoordinatorContactModel)
  coordinator!: CoordinatorContactModel;

  @Field(() => String, { nullable: true, description: 'Only after acceptance, with consent' })
  realName!: string | null;

  @Field(() => String, { nullable: true, description: 'Only after acceptance, with consent' })
  contact!: string | null;

  @Field(() => [ReferralEventModel], {
    description: 'This referral’s steps, without others’ notes',
  })
  history!: ReferralEventModel[];
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FollowUpKind, ParticipationKind } from '../accompaniment.entities';

registerEnumType(ParticipationKind, {
  name: 'ParticipationKind',
  description: 'VISIT 参加・見学 / STEP_UP 時間や役割を増やした / SELF_ASSESSMENT 本人の実感',
});

@ObjectType('ParticipationEntry', { description: 'One entry of the participation log' })
export class ParticipationEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  referralId!: string;

  @Field(() => ParticipationKind)
  kind!: ParticipationKind;

  @Field()
  on!: string;

  @Field(() => Int, { nullable: true })
  minutes!: number | null;

  @Field(() => Boolean, { nullable: true })
  supporterCame!: boolean | null;

  @Field(() => Int, { nullable: true })
  fromMinutes!: number | null;

  @Field(() => Int, { nullable: true })
  toMinutes!: number | null;

  @Field(() => Int, { nullable: true, description: 'The person’s own answer (1–5), if given' })
  feeling!: number | null;

  @Field(() => String, { nullable: true, description: 'The note, or the person’s own words' })
  note!: string | null;

  @Field(() => ID)
  recordedBy!: string;
}

@ObjectType('FollowUp', { description: 'A follow-up so that the connection does not lapse' })
export class FollowUpModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  referralId!: string;

  @Field()
  alias!: string;

  @Field()
  resourceName!: string;

  @Field(() => FollowUpKind)
  kind!: FollowUpKind;

  @Field()
  dueOn!: string;

  @Field({ description: 'Scheduled by the platform (after the first visit, then monthly)' })
  automatic!: boolean;

  @Field({ description: 'Not done and its day has passed (Japan time)' })
  overdue!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  doneAt!: Date | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { CandidateStatus, ConsentMethod } from '../candidate.entities';
import { ConsentData, ConsentRecipient } from '../consent-scope';
import { CandidateProfile } from '../profile/candidate-profile';

@ObjectType('Candidate', {
  description: 'A person in participation support, pseudonymous by default (要配慮個人情報)',
})
export class CandidateModel {
  @Field(() => ID)
  id!: string;

  @Field()
  alias!: string;

  @Field(() => String, { nullable: true })
  realName!: string | null;

  @Field(() => String, { nullable: true })
  contact!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID, { nullable: true })
  coordinatorId!: string | null;

  @Field(() => ID, { nullable: true })
  areaId!: string | null;

  @Field(() => CandidateStatus)
  status!: CandidateStatus;

  @Field(() => CandidateProfile, { nullable: true })
  profile!: CandidateProfile | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType('ConsentScope')
export class ConsentScopeModel {
  @Field(() => ConsentRecipient)
  recipient!: ConsentRecipient;

  @Field(() => ConsentData)
  data!: ConsentData;
}

@ObjectType('Consent', {
  description: '本人同意: what may be shared with whom, how it was given, until when',
})
export class ConsentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  candidateId!: string;

  @Field(() => [ConsentScopeModel])
  scopes!: ConsentScopeModel[];

  @Field(() => ConsentMethod)
  method!: ConsentMethod;

  @Field(() => GraphQLISODateTime)
  givenAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => ID)
  recordedBy!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => ID, { nullable: true })
  withdrawnBy!: string | null;

  @Field(() => String, { nullable: true })
  withdrawalNote!: string | null;

  @Field({ description: 'Given, not withdrawn and not expired' })
  active!: boolean;
}

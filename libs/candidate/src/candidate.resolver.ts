import { Connection, OptionalText, Page, Roles, UuidArg } from '@app/common';
import { Args, ArgsType, Field, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CandidateService } from './candidate.service';
import { ConsentService } from './consent.service';
import {
  CandidatesArgs,
  CreateCandidateInput,
  PURPOSE,
  RecordConsentInput,
  UpdateCandidateInput,
} from './dto/candidate.input';
import { CandidateModel, ConsentModel } from './models/candidate.models';

const CandidateConnection = Connection(CandidateModel, 'Candidate');

@ArgsType()
class PurposeArgs {
  @Field(() => String, PURPOSE)
  @OptionalText('利用目的', 200)
  purpose?: string | null;
}

@ArgsType()
class WithdrawArgs {
  @Field(() => String, { nullable: true, description: 'Notes (stored encrypted)' })
  @OptionalText('メモ', 1000)
  note?: string | null;
}

/** Candidates and their consent: coordinators (their team's) and admins; never hosts or the public. */
@Roles('ADMIN', 'COORDINATOR')
@Resolver(() => CandidateModel)
export class CandidateResolver {
  constructor(
    private readonly candidates: CandidateService,
    private readonly consentService: ConsentService,
  ) {}

  @Query(() => CandidateConnection, { name: 'candidates' })
  list(@Args() args: CandidatesArgs): Promise<Page<CandidateModel>> {
    return this.candidates.page(args);
  }

  @Query(() => CandidateModel)
  candidate(@UuidArg('id') id: string, @Args() args: PurposeArgs): Promise<CandidateModel> {
    return this.candidates.get(id, args.purpose);
  }

  @Mutation(() => CandidateModel)
  createCandidate(@Args('input') input: CreateCandidateInput): Promise<CandidateModel> {
    return this.candidates.create(input);
  }

  @Mutation(() => CandidateModel)
  updateCandidate(
    @UuidArg('id') id: string,
    @Args('input') input: UpdateCandidateInput,
  ): Promise<CandidateModel> {
    return this.candidates.update(id, input);
  }

  @Mutation(() => CandidateModel, { description: 'Support has ended; the record is kept' })
  archiveCandidate(@UuidArg('id') id: string): Promise<CandidateModel> {
    return this.candidates.archive(id);
  }

  @Query(() => [ConsentModel], { description: "A candidate's consents, newest first" })
  consents(@UuidArg('candidateId') candidateId: string): Promise<ConsentModel[]> {
    return this.consentService.list(candidateId);
  }

  @Mutation(() => ConsentModel)
  recordConsent(@Args('input') input: RecordConsentInput): Promise<ConsentModel> {
    return this.consentService.record(input);
  }

  @Mutation(() => ConsentModel, { description: 'Takes effect from the next request' })
  withdrawConsent(@UuidArg('id') id: string, @Args() args: WithdrawArgs): Promise<ConsentModel> {
    return this.consentService.withdraw(id, args.note);
  }
}

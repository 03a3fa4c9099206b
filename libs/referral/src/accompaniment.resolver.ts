import { Roles, SignedIn, UuidArg } from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccompanimentService } from './accompaniment.service';
import {
  CompleteFollowUpArgs,
  FollowUpsArgs,
  LogStepUpArgs,
  LogVisitArgs,
  ScheduleFollowUpArgs,
  SelfAssessmentArgs,
} from './dto/accompaniment.input';
import { FollowUpModel, ParticipationEntryModel } from './models/accompaniment.models';

/** The participation log: coordinators and the host (of its own referrals) keep it. */
@SignedIn()
@Resolver(() => ParticipationEntryModel)
export class ParticipationResolver {
  constructor(private readonly accompaniment: AccompanimentService) {}

  @Query(() => [ParticipationEntryModel], {
    description: "A referral's participation log (hosts: without the person's self-assessment)",
  })
  participation(@UuidArg('referralId') referralId: string): Promise<ParticipationEntryModel[]> {
    return this.accompaniment.entries(referralId);
  }

  @Mutation(() => ParticipationEntryModel, {
    description: 'A visit: the day, how long, whether a supporter came',
  })
  logVisit(@Args() args: LogVisitArgs): Promise<ParticipationEntryModel> {
    return this.accompaniment.logVisit(args);
  }

  @Mutation(() => ParticipationEntryModel, { description: 'A step up, e.g. from 1 hour to 2' })
  logStepUp(@Args() args: LogStepUpArgs): Promise<ParticipationEntryModel> {
    return this.accompaniment.logStepUp(args);
  }

  @Roles('ADMIN', 'COORDINATOR')
  @Mutation(() => ParticipationEntryModel, {
    description:
      "The person's own sense of being connected: a number (1–5), words, or both; both optional",
  })
  recordSelfAssessment(@Args() args: SelfAssessmentArgs): Promise<ParticipationEntryModel> {
    return this.accompaniment.selfAssessment(args);
  }
}

/** Follow-ups: coordinators (their team's) and admins. */
@Roles('ADMIN', 'COORDINATOR')
@Resolver(() => FollowUpModel)
export class FollowUpResolver {
  constructor(private readonly accompaniment: AccompanimentService) {}

  @Query(() => [FollowUpModel], { description: 'Follow-ups by state, the earliest due first' })
  followUps(@Args() args: FollowUpsArgs): Promise<FollowUpModel[]> {
    return this.accompaniment.list(args);
  }

  @Mutation(() => FollowUpModel)
  scheduleFollowUp(@Args() args: ScheduleFollowUpArgs): Promise<FollowUpModel> {
    return this.accompaniment.schedule(args);
  }

  @Mutation(() => FollowUpModel, { description: 'Done, with what was found' })
  completeFollowUp(@Args() args: CompleteFollowUpArgs): Promise<FollowUpModel> {
    return this.accompaniment.complete(args);
  }
}

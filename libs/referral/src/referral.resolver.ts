import { Roles, UuidArg } from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  AnswerReferralArgs,
  EndReferralArgs,
  ReferralInput,
  ReferralNoteArgs,
  ReferralsArgs,
  ScheduleVisitArgs,
  SendReferralArgs,
  StepUpReferralArgs,
} from './dto/referral.input';
import { IncomingReferralModel, ReferralModel } from './models/referral.models';
import { ReferralService } from './referral.service';

/**
 * Referrals as coordinators (their team's) and admins work on them: draft, send, follow, end.
 * Hosts have their own view (IncomingReferralResolver).
 */
@Roles('ADMIN', 'COORDINATOR')
@Resolver(() => ReferralModel)
export class ReferralResolver {
  constructor(private readonly service: ReferralService) {}

  @Query(() => [ReferralModel], {
    description: 'Referrals, most recently changed first (200 at most)',
  })
  referrals(@Args() args: ReferralsArgs): Promise<ReferralModel[]> {
    return this.service.list(args);
  }

  @Query(() => ReferralModel)
  referral(@UuidArg('id') id: string): Promise<ReferralModel> {
    return this.service.get(id);
  }

  @Mutation(() => ReferralModel, { description: 'A draft: nothing is shared until it is sent' })
  saveReferralDraft(@Args('input') input: ReferralInput): Promise<ReferralModel> {
    return this.service.saveDraft(input);
  }

  @Mutation(() => ReferralModel, {
    description:
      "Sends a referral to the listing's host; needs the person's consent to share their pseudonymous profile with hosts",
  })
  sendReferral(@Args() args: SendReferralArgs): Promise<ReferralModel> {
    return this.service.send(args);
  }

  @Mutation(() => ReferralModel, {
    description: 'Withdrawn by the coordinator, from any open state',
  })
  withdrawReferral(@Args() args: ReferralNoteArgs): Promise<ReferralModel> {
    return this.service.withdraw(args.id, args.note);
  }

  @Mutation(() => ReferralModel, { description: 'Taking part has ended; the seat is freed' })
  endReferral(@Args() args: EndReferralArgs): Promise<ReferralModel> {
    return this.service.end(args.id, args.reason, args.note);
  }

  @Mutation(() => ReferralModel, {
    description: 'The person moves on to a place that asks a little more: answers the new referral',
  })
  stepUpReferral(@Args() args: StepUpReferralArgs): Promise<ReferralModel> {
    return this.service.stepUp(args);
  }

  @Mutation(() => ReferralModel, { description: 'An observation visit (見学) is arranged' })
  scheduleVisit(@Args() args: ScheduleVisitArgs): Promise<ReferralModel> {
    return this.service.scheduleVisit(args.id, args.at, args.note) as Promise<ReferralModel>;
  }

  @Mutation(() => ReferralModel, { description: 'The person takes part (again, after a pause)' })
  markParticipating(@Args() args: ReferralNoteArgs): Promise<ReferralModel> {
    return this.service.markParticipating(args.id, args.note) as Promise<ReferralModel>;
  }

  @Mutation(() => ReferralModel, { description: 'A pause: the seat is kept' })
  pauseReferral(@Args() args: ReferralNoteArgs): Promise<ReferralModel> {
    return this.service.pause(args.id, args.note) as Promise<ReferralModel>;
  }
}

/** Referrals as the host sees them: only its own organisations', only what disclosure allows. */
@Roles('HOST')
@Resolver(() => IncomingReferralModel)
export class IncomingReferralResolver {
  constructor(private readonly service: ReferralService) {}

  @Query(() => [IncomingReferralModel], {
    description: "Referrals to my organisations' listings (200 at most)",
  })
  incomingReferrals(@Args() args: ReferralsArgs): Promise<IncomingReferralModel[]> {
    return this.service.incoming(args);
  }

  @Query(() => IncomingReferralModel)
  incomingReferral(@UuidArg('id') id: string): Promise<IncomingReferralModel> {
    return this.service.incomingOne(id);
  }

  @Mutation(() => IncomingReferralModel, {
    description: 'Accept (a seat, or the waitlist when full), waitlist or decline',
  })
  answerReferral(@Args() args: AnswerReferralArgs): Promise<IncomingReferralModel> {
    return this.service.answer(args);
  }

  @Mutation(() => IncomingReferralModel, { description: 'An observation visit (見学) is arranged' })
  scheduleIncomingVisit(@Args() args: ScheduleVisitArgs): Promise<IncomingReferralModel> {
    return this.service.scheduleVisit(
      args.id,
      args.at,
      args.note,
    ) as Promise<IncomingReferralModel>;
  }

  @Mutation(() => IncomingReferralModel, { description: 'The person takes part (again)' })
  markIncomingParticipating(@Args() args: ReferralNoteArgs): Promise<IncomingReferralModel> {
    return this.service.markParticipating(args.id, args.note) as Promise<IncomingReferralModel>;
  }

  @Mutation(() => IncomingReferralModel, { description: 'A pause: the seat is kept' })
  pauseIncomingReferral(@Args() args: ReferralNoteArgs): Promise<IncomingReferralModel> {
    return this.service.pause(args.id, args.note) as Promise<IncomingReferralModel>;
  }
}

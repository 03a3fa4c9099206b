import { Roles } from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MatchingService } from './matching.service';
import {
  AllocateInput,
  AllocationResultModel,
  CandidateMatchResultModel,
  MatchCandidatesArgs,
  MatchingWeightsModel,
  MatchResourcesArgs,
  MatchResultModel,
  StepUpArgs,
} from './models/match.models';

/** Matching works on candidates: coordinators (their team's) and admins. */
@Roles('ADMIN', 'COORDINATOR')
@Resolver(() => MatchResultModel)
export class MatchingResolver {
  constructor(private readonly matching: MatchingService) {}

  @Query(() => MatchResultModel, {
    description:
      'Places that fit a candidate: hard filters, a score with each factor explained, and the near misses',
  })
  matchResources(@Args() args: MatchResourcesArgs): Promise<MatchResultModel> {
    return this.matching.matchResources(args);
  }

  @Query(() => MatchResultModel, {
    description:
      'Step-up suggestions for a person taking part somewhere: listings asking a little more, never a big jump',
  })
  stepUpSuggestions(@Args() args: StepUpArgs): Promise<MatchResultModel> {
    return this.matching.stepUp(args);
  }

  @Query(() => CandidateMatchResultModel, {
    description:
      "Reverse matching: which of the caller's candidates fit a listing (e.g. a new opening)",
  })
  matchCandidates(@Args() args: MatchCandidatesArgs): Promise<CandidateMatchResultModel> {
    return this.matching.matchCandidates(args);
  }

  @Query(() => AllocationResultModel, {
    description:
      'Batch allocation of a cohort to openings with capacities: the best total score or a stable allocation, nothing written',
  })
  allocateOpenings(@Args('input') input: AllocateInput): Promise<AllocationResultModel> {
    return this.matching.allocate(input);
  }

  @Query(() => MatchingWeightsModel, { description: "This municipality's matching weights" })
  matchingWeights(): Promise<MatchingWeightsModel> {
    return this.matching.weights();
  }

  @Roles('ADMIN')
  @Mutation(() => MatchingWeightsModel, {
    description: 'Sets how much each factor counts in this municipality’s matching score',
  })
  setMatchingWeights(
    @Args('weights') weights: MatchingWeightsModel,
  ): Promise<MatchingWeightsModel> {
    return this.matching.setWeights(weights);
  }
}

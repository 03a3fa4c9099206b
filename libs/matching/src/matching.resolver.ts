import { Roles } from '@app/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { MatchingService } from './matching.service';
import { MatchResourcesArgs, MatchResultModel } from './models/match.models';

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
}

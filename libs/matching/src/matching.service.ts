import { purposeOf } from '@app/audit';
import { ResourceModel, ResourceRepository, ResourceService } from '@app/catalog';
import { CandidateService, reachMeters } from '@app/candidate';
import { BadUserInputException, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DEFAULT_WEIGHTS, failedChecks, ResourceFacts, scoreOf, Weights } from './match-rules';
import { MatchingRepository } from './matching.repository';
import {
  MatchCheck,
  MatchFactorName,
  MatchResourcesArgs,
  MatchResultModel,
} from './models/match.models';

/** The least radius read around a home, so that near misses just beyond a short reach still show. */
const MIN_RADIUS = 1000;

/**
 * Matching for one candidate: hard filters, then a score, then an explanation — and the near
 * misses, left out by exactly one filter, with the reason.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly candidates: CandidateService,
    private readonly facts: MatchingRepository,
    private readonly resources: ResourceRepository,
    private readonly catalogue: ResourceService,
  ) {}

  /** The municipality's weights, or the defaults. */
  async weights(): Promise<Weights> {
    const viewer = RequestContext.signedIn();
    return (await this.facts.weightsOf(viewer.municipalityId)) ?? DEFAULT_WEIGHTS;
  }

  async setWeights(weights: Weights): Promise<Weights> {
    const admin = RequestContext.signedIn();
    if (Object.values(weights).every((w) => w === 0))
      throw BadUserInputException.field(
        'weights',
        '重みのうち少なくとも一つは0より大きくしてください',
      );
    const clean = Object.fromEntries(
      (Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]).map((k) => [k, weights[k]]),
    ) as Weights;
    await this.facts.saveWeights(admin.municipalityId, clean, admin.userId);
    return clean;
  }

  async matchResources(args: MatchResourcesArgs): Promise<MatchResultModel> {
    const viewer = RequestContext.signedIn();
    const options = { acceptWaitlist: false, horizonDays: 28, nearMisses: 10, ...args.options };
    const { candidate, profile } = await this.candidates.forMatching(
      args.candidateId,
      purposeOf(args.purpose, '参加先の候補を探す'),
    );
    const online = profile.constraints.onlineOnly;
    const now = new Date();
    const all = await this.facts.facts({
      municipalityId: candidate.municipalityId,
      viewer,
      staleBefore: this.catalogue.staleBefore(),
      home: profile.home ?? null,
      radiusMeters: Math.max(MIN_RADIUS, 2 * reachMeters(profile.travel)),
      online,
      availability: profile.availability,
      from: now,
      to: new Date(now.getTime() + options.horizonDays * 86_400_000),
    });
    const weights = await this.weights();
    const rules = { acceptWaitlist: options.acceptWaitlist, year: now.getFullYear() };
    const passed: { facts: ResourceFacts; score: ReturnType<typeof scoreOf> }[] = [];
    const missed: { facts: ResourceFacts; check: MatchCheck; reason: string; score: number }[] = [];
    for (const facts of all) {
      const failed = failedChecks(facts, profile, rules);
      if (failed.length === 0) passed.push({ facts, score: scoreOf(facts, profile, weights) });
      else if (failed.length === 1)
        missed.push({
          facts,
          check: failed[0].check as MatchCheck,
          reason: failed[0].reason,
          score: scoreOf(facts, profile, weights).score,
        });
    }
    const byScore = (a: { score: number; name: string; id: string }, b: typeof a) =>
      b.score - a.score || a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id);
    const top = passed
      .map((p) => ({
        ...p,
        score: p.score.score,
        factors: p.score.factors,
        name: p.facts.name,
        id: p.facts.id,
      }))
      .sort(byScore)
      .slice(0, args.first);
    const near = missed
      .map((m) => ({ ...m, name: m.facts.name, id: m.facts.id }))
      .sort(byScore)
      .slice(0, options.nearMisses);

    const entities = new Map(
      (await this.resources.findByIds([...top, ...near].map((x) => x.id))).map((e) => [e.id, e]),
    );
    const staleBefore = this.catalogue.staleBefore();
    const model = (id: string) => {
      const e = entities.get(id)!;
      return ResourceModel.from(e, this.catalogue.accessFor(e), staleBefore);
    };
    return {
      candidateId: candidate.id,
      alias: candidate.alias,
      considered: all.length,
      matches: top.map((m) => ({
        resource: model(m.id),
        score: m.score,
        distanceMeters: m.facts.distance === null ? null : Math.round(m.facts.distance),
        explanations: m.factors
          .filter((f) => f.contribution > 0)
          .sort((a, b) => b.contribution - a.contribution)
          .flatMap((f) => f.explanations),
        factors: m.factors.map((f) => ({
          factor: f.factor as MatchFactorName,
          value: Math.round(f.value * 1000) / 1000,
          weight: weights[f.factor],
          contribution: Math.round(f.contribution * 1000) / 1000,
          explanations: f.explanations,
        })),
      })),
      nearMisses: near.map((m) => ({ resource: model(m.id), check: m.check, reason: m.reason })),
    };
  }
}

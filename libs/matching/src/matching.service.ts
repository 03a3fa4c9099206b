import { purposeOf } from '@app/audit';
import { ResourceModel, ResourceRepository, ResourceService } from '@app/catalog';
import { CandidateProfile, CandidateService, reachMeters } from '@app/candidate';
import { BadUserInputException, NotFoundException, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AllocationPair, deferredAcceptance, maxScore, totalScore } from './allocation';
import {
  DEFAULT_WEIGHTS,
  failedChecks,
  FailedCheck,
  ResourceFacts,
  scoreOf,
  stageAfter,
  stepUpOf,
  Weights,
} from './match-rules';
import { FactsQuery, MatchingRepository } from './matching.repository';
import {
  AllocateInput,
  AllocationMethod,
  AllocationResultModel,
  CandidateMatchResultModel,
  MatchCandidatesArgs,
  MatchCheck,
  MatchFactorModel,
  MatchFactorName,
  MatchOptionsInput,
  MatchResourcesArgs,
  MatchResultModel,
  StepUpArgs,
} from './models/match.models';

/** The least radius read around a home, so that near misses just beyond a short reach still show. */
const MIN_RADIUS = 1000;
const DEFAULT_OPTIONS: MatchOptionsInput = {
  acceptWaitlist: false,
  horizonDays: 28,
  nearMisses: 10,
};

/** One listing weighed for one person: passed (with its score) or failed (with the reasons). */
interface Verdict {
  facts: ResourceFacts;
  failed: FailedCheck[];
  score: number;
  explanations: string[];
  factors: MatchFactorModel[];
}

const byScore = (a: { score: number; key: string }, b: { score: number; key: string }) =>
  b.score - a.score || a.key.localeCompare(b.key, 'ja');

/**
 * Matching: hard filters, then a score, then an explanation — and the near misses, left out by
 * exactly one filter, with the reason. For one candidate (`matchResources`) or, the other way
 * round, for one listing among the coordinator's candidates (`matchCandidates`).
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
    const options = { ...DEFAULT_OPTIONS, ...args.options };
    const { candidate, profile } = await this.candidates.forMatching(
      args.candidateId,
      purposeOf(args.purpose, '参加先の候補を探す'),
    );
    const weights = await this.weights();
    const verdicts = (
      await this.facts.facts(this.query(candidate.municipalityId, profile, options))
    ).map((facts) => this.weigh(facts, profile, weights, options));
    const top = verdicts
      .filter((v) => v.failed.length === 0)
      .sort((a, b) => byScore(keyed(a), keyed(b)))
      .slice(0, args.first);
    const near = verdicts
      .filter((v) => v.failed.length === 1)
      .sort((a, b) => byScore(keyed(a), keyed(b)))
      .slice(0, options.nearMisses);
    const model = await this.models([...top, ...near].map((v) => v.facts.id));
    return {
      candidateId: candidate.id,
      alias: candidate.alias,
      considered: verdicts.length,
      matches: top.map((v) => ({
        resource: model(v.facts.id),
        score: v.score,
        distanceMeters: meters(v.facts),
        explanations: v.explanations,
        factors: v.factors,
      })),
      nearMisses: near.map((v) => ({
        resource: model(v.facts.id),
        check: v.failed[0].check as MatchCheck,
        reason: v.failed[0].reason,
      })),
    };
  }

  /**
   * Step-up suggestions: for a person taking part at `currentResourceId`, listings that ask a
   * little more — the next pace stage, or the same stage for longer — and pass every other filter
   * for the person. Never a jump of more than one stage.
   */
  async stepUp(args: StepUpArgs): Promise<MatchResultModel> {
    const options = DEFAULT_OPTIONS;
    const { candidate, profile } = await this.candidates.forMatching(
      args.candidateId,
      purposeOf(args.purpose, '次のステップを探す'),
    );
    const current = await this.catalogue.get(args.currentResourceId);
    const query = this.query(candidate.municipalityId, profile, options);
    const [here] = await this.facts.facts({ ...query, resourceIds: [current.id] });
    if (!here)
      throw BadUserInputException.field('currentResourceId', '今参加している活動が見つかりません');
    // The person is taken as ready for one stage above where they take part now.
    const ready = { ...profile, paceStage: stageAfter(here) };
    const weights = await this.weights();
    const nearby = (await this.facts.facts(query)).filter((r) => r.id !== here.id);
    const steps = nearby
      .map((facts) => ({
        step: stepUpOf(here, facts),
        verdict: this.weigh(facts, ready, weights, options),
      }))
      .filter((x) => x.step !== null && x.verdict.failed.length === 0)
      .sort((a, b) => byScore(keyed(a.verdict), keyed(b.verdict)))
      .slice(0, args.first);
    const model = await this.models(steps.map((x) => x.verdict.facts.id));
    return {
      candidateId: candidate.id,
      alias: candidate.alias,
      considered: nearby.length,
      matches: steps.map(({ step, verdict: v }) => ({
        resource: model(v.facts.id),
        score: v.score,
        distanceMeters: meters(v.facts),
        explanations: [step!, ...v.explanations],
        factors: v.factors,
      })),
      nearMisses: [],
    };
  }

  /**
   * Batch allocation: a cohort over a set of openings, each taking as many as its open seats,
   * over the pairs that pass the hard filters; the best total score or a stable allocation. Locked
   * pairs are kept, excluded ones never made. Each assignment comes with its explanation.
   */
  async allocate(input: AllocateInput): Promise<AllocationResultModel> {
    const options = { ...DEFAULT_OPTIONS, ...input.options };
    const resources: Awaited<ReturnType<ResourceService['get']>>[] = [];
    for (const [i, id] of [...new Set(input.resourceIds)].entries()) {
      resources.push(
        await this.catalogue.get(id).catch((error: unknown) => {
          if (error instanceof NotFoundException)
            throw BadUserInputException.field(`resourceIds.${i}`, '受け入れ先が見つかりません');
          throw error;
        }),
      );
    }
    const people: Awaited<ReturnType<CandidateService['forMatching']>>[] = [];
    for (const id of [...new Set(input.candidateIds)])
      people.push(await this.candidates.forMatching(id, '受け入れ枠の割り当て'));
    const weights = await this.weights();
    const verdicts = new Map<string, Verdict>();
    const pairs: AllocationPair[] = [];
    for (const { candidate, profile } of people) {
      const facts = await this.facts.facts({
        ...this.query(candidate.municipalityId, profile, options),
        resourceIds: resources.map((r) => r.id),
      });
      for (const f of facts) {
        const verdict = this.weigh(f, profile, weights, options);
        verdicts.set(`${candidate.id}|${f.id}`, verdict);
        if (verdict.failed.length === 0)
          pairs.push({ candidateId: candidate.id, openingId: f.id, score: verdict.score });
      }
    }
    const capacities = Object.fromEntries(
      resources.map((r) => [
        r.id,
        r.capacity === null ? people.length : Math.max(0, r.capacity - r.seatsTaken),
      ]),
    );
    const known = (p: { candidateId: string; resourceId: string }) =>
      people.some((x) => x.candidate.id === p.candidateId) &&
      capacities[p.resourceId] !== undefined;
    const run = input.method === AllocationMethod.STABLE ? deferredAcceptance : maxScore;
    const result = run({
      pairs,
      capacities,
      locked: (input.locked ?? [])
        .filter(known)
        .map((p) => ({ candidateId: p.candidateId, openingId: p.resourceId })),
      excluded: (input.excluded ?? []).map((p) => ({
        candidateId: p.candidateId,
        openingId: p.resourceId,
      })),
    });
    const model = await this.models(resources.map((r) => r.id));
    const alias = new Map(people.map((p) => [p.candidate.id, p.candidate.alias]));
    const assigned = new Set(result.map((a) => a.candidateId));
    return {
      method: input.method,
      totalScore: Math.round(totalScore(result) * 1000) / 1000,
      unassigned: people.map((p) => p.candidate.id).filter((id) => !assigned.has(id)),
      assignments: result.map((a) => {
        const verdict = verdicts.get(`${a.candidateId}|${a.openingId}`);
        return {
          candidateId: a.candidateId,
          alias: alias.get(a.candidateId)!,
          resource: model(a.openingId),
          score: a.score,
          locked: a.locked,
          explanations: [
            ...(a.locked ? ['担当者が固定した組み合わせ'] : []),
            ...(verdict?.failed.map((f) => `注意: ${f.reason}`) ?? []),
            ...(verdict?.explanations ?? []),
          ],
        };
      }),
    };
  }

  /** Reverse matching: for a listing (say a new opening), which of my candidates fit it. */
  async matchCandidates(args: MatchCandidatesArgs): Promise<CandidateMatchResultModel> {
    const options = { ...DEFAULT_OPTIONS, ...args.options };
    const resource = await this.catalogue.get(args.resourceId);
    const people = await this.candidates.allForMatching(
      purposeOf(args.purpose, '受け入れ先に合う人を探す'),
    );
    const weights = await this.weights();
    const weighed: (Verdict & { candidateId: string; alias: string })[] = [];
    for (const { candidate, profile } of people) {
      const [facts] = await this.facts.facts({
        ...this.query(resource.municipalityId, profile, options),
        resourceIds: [resource.id],
      });
      if (facts)
        weighed.push({
          ...this.weigh(facts, profile, weights, options),
          candidateId: candidate.id,
          alias: candidate.alias,
        });
    }
    const key = (v: (typeof weighed)[number]) => ({
      score: v.score,
      key: `${v.alias}\u0000${v.candidateId}`,
    });
    const top = weighed
      .filter((v) => v.failed.length === 0)
      .sort((a, b) => byScore(key(a), key(b)))
      .slice(0, args.first);
    const near = weighed
      .filter((v) => v.failed.length === 1)
      .sort((a, b) => byScore(key(a), key(b)))
      .slice(0, options.nearMisses);
    return {
      resource: (await this.models([resource.id]))(resource.id),
      considered: people.length,
      matches: top.map((v) => ({
        candidateId: v.candidateId,
        alias: v.alias,
        score: v.score,
        distanceMeters: meters(v.facts),
        explanations: v.explanations,
        factors: v.factors,
      })),
      nearMisses: near.map((v) => ({
        candidateId: v.candidateId,
        alias: v.alias,
        check: v.failed[0].check as MatchCheck,
        reason: v.failed[0].reason,
      })),
    };
  }

  private query(
    municipalityId: string,
    profile: CandidateProfile,
    options: MatchOptionsInput,
  ): FactsQuery {
    const now = new Date();
    return {
      municipalityId,
      viewer: RequestContext.signedIn(),
      staleBefore: this.catalogue.staleBefore(),
      home: profile.home ?? null,
      radiusMeters: Math.max(MIN_RADIUS, 2 * reachMeters(profile.travel)),
      online: profile.constraints.onlineOnly,
      availability: profile.availability,
      from: now,
      to: new Date(now.getTime() + options.horizonDays * 86_400_000),
    };
  }

  private weigh(
    facts: ResourceFacts,
    profile: CandidateProfile,
    weights: Weights,
    options: MatchOptionsInput,
  ): Verdict {
    const failed = failedChecks(facts, profile, {
      acceptWaitlist: options.acceptWaitlist,
      year: new Date().getFullYear(),
    });
    const { score, factors } = scoreOf(facts, profile, weights);
    return {
      facts,
      failed,
      score,
      explanations: factors
        .filter((f) => f.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution)
        .flatMap((f) => f.explanations),
      factors: factors.map((f) => ({
        factor: f.factor as MatchFactorName,
        value: Math.round(f.value * 1000) / 1000,
        weight: weights[f.factor],
        contribution: Math.round(f.contribution * 1000) / 1000,
        explanations: f.explanations,
      })),
    };
  }

  /** Resource models for the ids, as the viewer may see them. */
  private async models(ids: string[]): Promise<(id: string) => ResourceModel> {
    const entities = new Map((await this.resources.findByIds(ids)).map((e) => [e.id, e]));
    const staleBefore = this.catalogue.staleBefore();
    return (id) => {
      const e = entities.get(id)!;
      return ResourceModel.from(e, this.catalogue.accessFor(e), staleBefore);
    };
  }
}

const keyed = (v: Verdict) => ({ score: v.score, key: `${v.facts.name}\u0000${v.facts.id}` });
const meters = (f: ResourceFacts) => (f.distance === null ? null : Math.round(f.distance));

import { purposeOf } from '@app/audit';
import { ResourceModel, ResourceRepository, ResourceService } from '@app/catalog';
import { CandidateProfile, CandidateService, reachMeters } from '@app/candidate';
import { BadUserInputException, NotFoundException, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AllocationPair, deferredAcceptance, maxScore, totalScore } from './allocation';
import {
  DEFAULT_WEIGHTS,
  FailedCheck,
  MatchOptions,
  ResourceFacts,
  scheduleCheck,
  scoreOf,
  stageAfter,
  staticChecks,
  stepUpOf,
  Weights,
} from './match-rules';
import { ListingIndex } from './listing-index';
import { ranking, screen, ScreenedRow } from './match-screen';
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

/**
 * How far from home listings are read: the reach and a ring beyond it for the near misses "just
 * too far" (half the reach, at most 1 km), and 1 km at least.
 */
const readRadius = (reach: number) => Math.max(1000, reach + Math.min(reach / 2, 1000));
/**
 * The first batch read in full is twice what is wanted (at least 20), each next one twice as
 * large: most searches need only the first.
 */
const firstBatch = (wanted: number) => Math.max(20, 2 * wanted);
const DEFAULT_OPTIONS: MatchOptionsInput = {
  acceptWaitlist: false,
  horizonDays: 28,
  nearMisses: 10,
};

/** One listing weighed for one person: passed (with its score) or failed (with the reasons). */
interface Verdict {
  facts: ResourceFacts;
  failed: FailedCheck[];
  /** The schedule fails, and why is not known yet: `explainSchedules` says. */
  scheduleUnexplained: boolean;
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
    private readonly index: ListingIndex,
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
    // Thousandths are all a weight needs (and SQL arithmetic must not underflow on a 1e-320).
    const clean = Object.fromEntries(
      (Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]).map((k) => [
        k,
        Math.round(weights[k] * 1000) / 1000,
      ]),
    ) as Weights;
    if (Object.values(clean).every((w) => w === 0))
      throw BadUserInputException.field(
        'weights',
        '重みのうち少なくとも一つは0より大きくしてください',
      );
    await this.facts.saveWeights(admin.municipalityId, clean, admin.userId);
    return clean;
  }

  async matchResources(args: MatchResourcesArgs): Promise<MatchResultModel> {
    const options = { ...DEFAULT_OPTIONS, ...args.options };
    const { candidate, profile } = await this.candidates.forMatching(
      args.candidateId,
      purposeOf(args.purpose, '参加先の候補を探す'),
    );
    const query = this.query(candidate.municipalityId, profile, options);
    const { pool, top, near } = await this.best(query, profile, await this.weights(), options, {
      first: args.first,
      nearMisses: options.nearMisses,
    });
    if (!top.length) await this.facts.recordMiss(candidate, profile);
    const model = await this.models([...top, ...near].map((v) => v.facts.id));
    return {
      candidateId: candidate.id,
      alias: candidate.alias,
      considered: pool,
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
    const [here] = await this.facts.staticFacts(query, [current.id]);
    if (!here)
      throw BadUserInputException.field('currentResourceId', '今参加している活動が見つかりません');
    // The person is taken as ready for one stage above where they take part now.
    const ready = { ...profile, paceStage: stageAfter(here) };
    const { pool, top } = await this.best(query, ready, await this.weights(), options, {
      first: args.first,
      nearMisses: 0,
      accept: (v) => v.facts.id !== here.id && stepUpOf(here, v.facts) !== null,
    });
    const steps = top.map((verdict) => ({ step: stepUpOf(here, verdict.facts), verdict }));
    const model = await this.models(steps.map((x) => x.verdict.facts.id));
    return {
      candidateId: candidate.id,
      alias: candidate.alias,
      considered: pool - 1,
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
    let horizon: FactsQuery | null = null;
    for (const { candidate, profile } of people) {
      const query = this.query(candidate.municipalityId, profile, options);
      horizon ??= query;
      const ids = resources.map((r) => r.id);
      for (const verdict of await this.assess(query, ids, profile, weights, options, true)) {
        verdicts.set(`${candidate.id}|${verdict.facts.id}`, verdict);
        if (verdict.failed.length === 0)
          pairs.push({
            candidateId: candidate.id,
            openingId: verdict.facts.id,
            score: verdict.score,
          });
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
    if (horizon)
      await this.explainSchedules(
        result.flatMap((a) => verdicts.get(`${a.candidateId}|${a.openingId}`) ?? []),
        horizon,
      );
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
    let horizon: FactsQuery | null = null;
    for (const { candidate, profile } of people) {
      const query = this.query(resource.municipalityId, profile, options);
      horizon ??= query;
      const [verdict] = await this.assess(query, [resource.id], profile, weights, options);
      if (verdict) weighed.push({ ...verdict, candidateId: candidate.id, alias: candidate.alias });
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
    if (horizon) await this.explainSchedules(near, horizon);
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
      radiusMeters: readRadius(reachMeters(profile.travel)),
      online: profile.constraints.onlineOnly,
      availability: profile.availability,
      from: now,
      to: new Date(now.getTime() + options.horizonDays * 86_400_000),
    };
  }

  /**
   * The best `first` listings that pass every filter for a person (and `accept`), and near misses
   * failing exactly one. The screen (match-screen.ts) runs over the municipality's listings in
   * memory: it drops those failing two filters for certain and ranks the rest by their score's
   * upper bound. Listings that may pass are then read in full and weighed, best bound first, in
   * growing batches, until none left could rank before the last match (`ranking`). The near
   * misses are the best of the listings read (the others, failing one filter for certain, are
   * read on, best bound first, only while fewer than asked were found). Answers how many
   * listings the pool held.
   */
  private async best(
    query: FactsQuery,
    profile: CandidateProfile,
    weights: Weights,
    options: MatchOptionsInput,
    want: { first: number; nearMisses: number; accept?: (v: Verdict) => boolean },
  ): Promise<{ pool: number; top: Verdict[]; near: Verdict[] }> {
    // A little beyond the radius: the screen's distance errs short (match-screen.ts SLACK).
    const listings = await this.index.around(
      query.municipalityId,
      query.online ? null : query.home,
      query.radiusMeters + 10,
    );
    const { pool, mayPass, oneOff } = screen(
      listings,
      profile,
      this.checks(options),
      weights,
      query,
    );
    const top: Verdict[] = [];
    const near: Verdict[] = [];
    const read = async (slice: ScreenedRow[]) => {
      const ids = slice.map((r) => r.id);
      const verdicts = await this.assess(query, ids, profile, weights, options, true);
      for (const v of verdicts.filter((x) => want.accept?.(x) ?? true)) {
        if (v.failed.length === 0) top.push(v);
        else if (v.failed.length === 1) near.push(v);
      }
      top.sort((a, b) => ranking(ranked(a), ranked(b))).splice(want.first);
      near.sort((a, b) => ranking(ranked(a), ranked(b))).splice(want.nearMisses);
    };
    // Those that may pass, while one could still enter the matches: its bound ranks it before
    // the last match (the bound is never below the score: match-screen.spec.ts).
    for (let batch = firstBatch(want.first); mayPass.size; batch *= 2) {
      const next = mayPass.peek()!;
      const last = top.length >= want.first ? top[top.length - 1] : null;
      if (last && ranking({ ...next, score: next.bound }, ranked(last)) > 0) break;
      await read(mayPass.take(batch));
    }
    // Those failing one filter for certain, while near misses are missing.
    for (
      let batch = firstBatch(want.nearMisses);
      near.length < want.nearMisses && oneOff.size;
      batch *= 2
    )
      await read(oneOff.take(batch));
    await this.explainSchedules(near, query);
    return { pool, top, near };
  }

  private checks(options: MatchOptionsInput): MatchOptions {
    return { acceptWaitlist: options.acceptWaitlist, year: new Date().getFullYear() };
  }

  /**
   * The given listings (those the viewer may see) weighed for a person. A listing failing two
   * filters that need no occurrence can be neither a match nor a near miss, so unless `all` is
   * asked it is dropped before any occurrence is expanded.
   */
  private async assess(
    query: FactsQuery,
    ids: string[],
    profile: CandidateProfile,
    weights: Weights,
    options: MatchOptionsInput,
    all = false,
  ): Promise<Verdict[]> {
    const checks = this.checks(options);
    const kept = (await this.facts.staticFacts(query, ids))
      .map((facts) => ({ facts, failed: staticChecks(facts, profile, checks) }))
      .filter((x) => all || x.failed.length <= 1);
    const fits = await this.facts.fits(
      kept.map((x) => x.facts.id),
      query,
    );
    const verdicts = kept.map(({ facts: known, failed }): Verdict => {
      const fit = fits.get(known.id);
      const facts: ResourceFacts = {
        ...known,
        fitMinutes: fit?.fitMinutes ?? 0,
        nextFit: fit?.nextFit ?? null,
        // Counted by explainSchedules when the schedule fails and the verdict is shown.
        occurrences: 0,
        weekdays: [],
      };
      const { score, factors } = scoreOf(facts, profile, weights);
      return {
        facts,
        failed: [...failed, ...scheduleCheck(facts)],
        scheduleUnexplained: !fit,
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
    });
    return verdicts;
  }

  /**
   * Says why the schedule fails for the verdicts about to be shown: counts their occurrences in
   * the horizon ("期間内に開催日がない") and the weekdays they fall on ("土曜の開催で…").
   */
  private async explainSchedules(
    verdicts: Verdict[],
    horizon: Pick<FactsQuery, 'from' | 'to'>,
  ): Promise<void> {
    const pending = verdicts.filter((v) => v.scheduleUnexplained);
    const summaries = await this.facts.summaries(
      [...new Set(pending.map((v) => v.facts.id))],
      horizon,
    );
    for (const v of pending) {
      Object.assign(v.facts, summaries.get(v.facts.id) ?? { occurrences: 0, weekdays: [] });
      v.failed = [...v.failed.filter((f) => f.check !== 'SCHEDULE'), ...scheduleCheck(v.facts)];
      v.scheduleUnexplained = false;
    }
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

const ranked = (v: Verdict) => ({ score: v.score, name: v.facts.name, id: v.facts.id });
const meters = (f: ResourceFacts) => (f.distance === null ? null : Math.round(f.distance));

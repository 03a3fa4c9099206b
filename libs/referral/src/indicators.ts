import { CandidateService, PACE_STAGES, PaceStage, SupportPhase } from '@app/candidate';
import { BadUserInputException, RequestContext, Roles } from '@app/common';
import { Controller, Get, Injectable, Query as HttpQuery, Res } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
  GraphQLISODateTime,
  Int,
  ObjectType,
  Query,
  Resolver,
} from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DeclineReason, ReferralStatus } from './referral.entities';
import { DECLINE_LABELS, STATUS_LABELS } from './referral-rules';

@ObjectType('IndicatorCount')
export class IndicatorCount {
  @Field({ description: 'What is counted (a status, an area, a query…)' })
  key!: string;

  @Field({ description: 'In words' })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('UnmetDemand', { description: 'Matches that found no place: area × pace × weekday' })
export class UnmetDemand {
  @Field()
  area!: string;

  @Field(() => PaceStage)
  paceStage!: PaceStage;

  @Field(() => Int, { description: 'ISO weekday, 1 = Monday' })
  weekday!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType('Indicators', {
  description: 'Counts for the 重層的支援会議 and for planning: no person can be told from them',
})
export class IndicatorsModel {
  @Field(() => GraphQLISODateTime)
  from!: Date;

  @Field(() => GraphQLISODateTime)
  to!: Date;

  @Field(() => [IndicatorCount], { description: 'Referrals sent in the period, by status now' })
  referralsByStatus!: IndicatorCount[];

  @Field(() => [IndicatorCount], {
    description: "Referrals sent in the period, by the person's area",
  })
  referralsByArea!: IndicatorCount[];

  @Field(() => [IndicatorCount], {
    description: 'People referred in the period: with a consent-based plan, and before one, apart',
  })
  supportPhases!: IndicatorCount[];

  @Field(() => [IndicatorCount])
  declineReasons!: IndicatorCount[];

  @Field(() => [IndicatorCount], { description: 'People waiting now, by listing' })
  waitlists!: IndicatorCount[];

  @Field(() => [IndicatorCount], { description: 'Searches with no result, by what was asked' })
  searchesWithoutResult!: IndicatorCount[];

  @Field(() => [UnmetDemand])
  unmetDemand!: UnmetDemand[];
}

@ArgsType()
export class IndicatorsArgs {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Default: a year before `to`' })
  @IsOptional()
  @IsDate({ message: '開始日時の形式が正しくありません' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Default: now' })
  @IsOptional()
  @IsDate({ message: '終了日時の形式が正しくありません' })
  to?: Date | null;
}

const PHASE_LABELS: Record<SupportPhase, string> = {
  BEFORE_PLAN: 'プラン作成前（相談支援のみ）',
  WITH_PLAN: '本人同意のある支援プランあり',
};
const PACE_LABELS: Record<PaceStage, string> = {
  NOT_YET_OUT: 'まだ外出が難しい',
  JUST_BEING_THERE: 'いるだけから',
  SHORT_TASKS: '短い決まった作業',
  REGULAR_ACTIVITY: '定期的な活動',
  NEAR_WORK: '就労に近い活動',
};
const WEEKDAYS = ['', '月', '火', '水', '木', '金', '土', '日'];
const NO_AREA = '圏域未設定';

/**
 * Indicators of one municipality: referrals by status and by area, plan-linked and pre-plan
 * support apart, decline reasons, waitlists, and unmet demand (searches and matches with no
 * result). Counts only; every coordinator and admin of the municipality may see them.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: CandidateService,
  ) {}

  async of(args: IndicatorsArgs): Promise<IndicatorsModel> {
    const m = RequestContext.signedIn().municipalityId;
    const to = args.to ?? new Date();
    const from = args.from ?? new Date(to.getTime() - 365 * 86_400_000);
    if (from >= to)
      throw BadUserInputException.field('to', '終了日時は開始日時より後にしてください');
    const sent = `r.municipality_id = $1 AND r.sent_at >= $2 AND r.sent_at < $3`;
    const count = (sql: string, params: unknown[]) =>
      this.dataSource.query<{ key: string | null; label?: string; count: number }[]>(sql, params);

    const byStatus = await count(
      `SELECT r.status AS key, count(*)::int AS count FROM referral r WHERE ${sent} GROUP BY r.status`,
      [m, from, to],
    );
    const byArea = await count(
      `SELECT a.name AS key, count(*)::int AS count FROM referral r
         JOIN candidate c ON c.id = r.candidate_id LEFT JOIN area a ON a.id = c.area_id
        WHERE ${sent} GROUP BY a.name ORDER BY count(*) DESC, a.name`,
      [m, from, to],
    );
    const people = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT r.candidate_id AS id FROM referral r WHERE ${sent}`,
      [m, from, to],
    );
    const phases = await this.candidates.supportPhasesOf(people.map((p) => p.id));
    const declines = await count(
      `SELECT r.decline_reason AS key, count(*)::int AS count FROM referral r
        WHERE ${sent} AND r.status = 'DECLINED' GROUP BY r.decline_reason`,
      [m, from, to],
    );
    const waitlists = await count(
      `SELECT s.name AS key, count(*)::int AS count FROM referral r JOIN resource s ON s.id = r.resource_id
        WHERE r.municipality_id = $1 AND r.status = 'WAITLISTED' GROUP BY s.id, s.name ORDER BY count(*) DESC, s.name`,
      [m],
    );
    const searches = await count(
      `SELECT query AS key, count(*)::int AS count FROM search_miss
        WHERE municipality_id = $1 AND searched_at >= $2 AND searched_at < $3
        GROUP BY query ORDER BY count(*) DESC, query LIMIT 100`,
      [m, from, to],
    );
    const unmet = await this.dataSource.query<
      { area: string | null; pace_stage: PaceStage; weekday: number; count: number }[]
    >(
      `SELECT a.name AS area, x.pace_stage, d.weekday::int AS weekday, count(*)::int AS count
         FROM match_miss x CROSS JOIN LATERAL unnest(x.weekdays) AS d(weekday)
         LEFT JOIN area a ON a.id = x.area_id
        WHERE x.municipality_id = $1 AND x.missed_at >= $2 AND x.missed_at < $3
        GROUP BY a.name, x.pace_stage, d.weekday ORDER BY count(*) DESC, a.name, x.pace_stage, d.weekday`,
      [m, from, to],
    );

    const labelled = <K extends string>(
      rows: { key: string | null; count: number }[],
      labels?: Record<K, string>,
    ) =>
      rows.map((r) => ({
        key: r.key ?? '',
        label: r.key === null ? NO_AREA : labels ? labels[r.key as K] : r.key,
        count: r.count,
      }));
    const phaseCounts = Object.values(SupportPhase).map((phase) => ({
      key: phase,
      label: PHASE_LABELS[phase],
      count: [...phases.values()].filter((p) => p === phase).length,
    }));
    return {
      from,
      to,
      referralsByStatus: Object.values(ReferralStatus)
        .filter((s) => s !== ReferralStatus.DRAFT)
        .map((s) => ({
          key: s,
          label: STATUS_LABELS[s],
          count: byStatus.find((r) => r.key === s)?.count ?? 0,
        })),
      referralsByArea: labelled(byArea),
      supportPhases: phaseCounts,
      declineReasons: labelled<DeclineReason>(declines, DECLINE_LABELS),
      waitlists: labelled(waitlists),
      searchesWithoutResult: labelled(searches),
      unmetDemand: unmet
        .filter((u) => PACE_STAGES.includes(u.pace_stage))
        .map((u) => ({
          area: u.area ?? NO_AREA,
          paceStage: u.pace_stage,
          weekday: u.weekday,
          count: u.count,
        })),
    };
  }

  /** The same indicators as CSV rows: 指標, 区分, 件数 (with the pace and weekday for demand). */
  async csv(args: IndicatorsArgs): Promise<string> {
    const i = await this.of(args);
    const rows: (string | number)[][] = [
      ['指標', '区分', 'ペース', '曜日', '件数'],
      ['期間', `${i.from.toISOString()} – ${i.to.toISOString()}`, '', '', ''],
    ];
    const section = (name: string, counts: IndicatorCount[]) =>
      counts.forEach((c) => rows.push([name, c.label, '', '', c.count]));
    section('紹介（状態別）', i.referralsByStatus);
    section('紹介（圏域別）', i.referralsByArea);
    section('紹介した人（支援の段階別）', i.supportPhases);
    section('お断りの理由', i.declineReasons);
    section('キャンセル待ち（活動別）', i.waitlists);
    section('結果のなかった検索', i.searchesWithoutResult);
    for (const u of i.unmetDemand)
      rows.push([
        '結果のなかったマッチング',
        u.area,
        PACE_LABELS[u.paceStage],
        WEEKDAYS[u.weekday],
        u.count,
      ]);
    // A byte order mark: Excel in Japan opens UTF-8 CSV correctly only with one. Cells that
    // would start a formula (residents' search words) are quoted with a leading apostrophe.
    return `\uFEFF${stringify(rows, { escape_formulas: true })}`;
  }
}

@Roles('ADMIN', 'COORDINATOR')
@Resolver(() => IndicatorsModel)
export class IndicatorsResolver {
  constructor(private readonly service: IndicatorsService) {}

  @Query(() => IndicatorsModel, { description: "This municipality's indicators for a period" })
  indicators(@Args() args: IndicatorsArgs): Promise<IndicatorsModel> {
    return this.service.of(args);
  }
}

/** GET /indicators.csv?from=…&to=… for the 重層的支援会議 (a signed-in coordinator or admin). */
@Roles('ADMIN', 'COORDINATOR')
@Controller()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('indicators.csv')
  async csv(
    @HttpQuery('from') from: string | undefined,
    @HttpQuery('to') to: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const when = (value: string | undefined, field: string) => {
      if (value === undefined) return null;
      const date = new Date(value);
      if (Number.isNaN(date.getTime()))
        throw BadUserInputException.field(field, '日時はISO 8601の形で指定してください');
      return date;
    };
    const body = await this.indicators.csv({ from: when(from, 'from'), to: when(to, 'to') });
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="indicators-${day}.csv"`)
      .setHeader('Cache-Control', 'no-store')
      .send(body);
  }
}

import { exactLocationVisibleTo, ResourceKind, ResourceRepository } from '@app/catalog';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  FacetCount,
  FacetName,
  SearchEngine,
  SearchRequest,
  SearchResult,
  SearchSort,
} from '../search.port';
import { matchingSpellings, toTsQuery } from '../text/tokens';

/** ts_rank weights for labels D, C, B, A (description … name). */
const RANK_WEIGHTS = '{0.05, 0.2, 0.4, 1.0}';
/** How much a synonym's or a correction's match counts against the spelling typed. */
const SYNONYM_WEIGHT = 0.7;
const KIND_LABELS: Record<ResourceKind, string> = {
  IBASHO: '居場所',
  VOLUNTEER: 'ボランティア',
  WORK_PLACEMENT: '就労体験',
  PROGRAM: 'プログラム',
};
const WEEKDAY_LABELS = ['', '月', '火', '水', '木', '金', '土', '日'];

/**
 * The default engine: PostgreSQL only. The catalogue's own filter query (tenant, visibility and
 * every filter, exactly as `resources` applies them) is joined to the index of folded character
 * pairs and ranked with ts_rank by field weight, a whole-name match first.
 */
@Injectable()
export class BuiltinSearchEngine implements SearchEngine {
  readonly name = 'builtin';

  constructor(
    private readonly dataSource: DataSource,
    private readonly resources: ResourceRepository,
  ) {}

  supports(): boolean {
    return true;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const [inner, params] = this.matching(req);
    const next = params.length;
    const order =
      req.sort === SearchSort.RELEVANCE
        ? 'score DESC, name, id'
        : req.sort === SearchSort.DISTANCE
          ? 'distance NULLS LAST, name, id'
          : 'name, id';
    // Ranked by score or distance, or matched through the text index, every match is read before
    // the first page is known, so counting them there costs nothing and saves running the whole
    // search again for totalCount. By name alone the page can stop early; it is counted apart.
    const countsAll = req.sort !== SearchSort.NAME || req.terms.length > 0;
    const rows = await this.query<
      { id: string; score: number | null; distance: number | null; total?: number }[]
    >(
      `SELECT id, score, distance${countsAll ? ', count(*) OVER ()::int AS total' : ''}
         FROM (${inner}) m ORDER BY ${order} OFFSET $${next + 1} LIMIT $${next + 2}`,
      [...params, req.offset, req.limit + 1],
    );
    // No row at the first page means no match; past the end the count is unknown.
    const known = !countsAll ? null : rows.length ? rows[0].total! : req.offset === 0 ? 0 : null;
    return {
      hits: rows.slice(0, req.limit).map((r) => ({
        id: r.id,
        score: r.score === null ? null : Number(r.score),
        distanceMeters: r.distance === null ? null : Math.round(Number(r.distance)),
      })),
      hasNextPage: rows.length > req.limit,
      total: async () => {
        if (known !== null) return known;
        const [{ count }] = await this.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM (${inner}) m`,
          params,
        );
        return count;
      },
      facets: () => this.facets(inner, params),
    };
  }

  /**
   * A search reads a few thousand rows at most, but the costly PostGIS tests push the planner's
   * estimate past jit_above_cost from a radius of about 10 km, and compiling the plan then takes
   * longer than running it (ボランティア within 10 km: 27 ms of JIT; within 20 km: 625 ms of
   * 816). So a search runs without JIT, in a transaction of its own to say so.
   */
  private query<T>(sql: string, params: unknown[]): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL jit = off');
      return em.query<T>(sql, params);
    });
  }

  /** The SQL of every matching resource with its score and distance, and its parameters. */
  private matching(req: SearchRequest): [string, unknown[]] {
    const qb = this.resources.filtered(req);
    let score = 'NULL::real';
    if (req.terms.length) {
      // Every spelling of a word is a tsquery of its own, and an index scan of its own: GIN
      // skips through a scan whose pairs are all required, but handed the spellings OR-ed in
      // one tsquery it walks every posting list in full (サロン and its four synonyms: 17 ms
      // against 8). A spelling that another one covers finds nothing more: it only ranks.
      const words = req.terms.map((term, t) => {
        const matching = matchingSpellings(term.alternatives);
        return term.alternatives.map((lexemes, a) => {
          const param = `spelling${t}_${a}`;
          qb.setParameter(param, toTsQuery([{ text: term.text, alternatives: [lexemes] }]));
          return {
            query: `CAST(:${param} AS tsquery)`,
            weight: a === 0 ? 1 : SYNONYM_WEIGHT,
            matches: matching.includes(lexemes),
          };
        });
      });
      qb.innerJoin('resource_search', 's', 's.resource_id = r.id').setParameter(
        'folded',
        req.folded,
      );
      for (const spellings of words)
        qb.andWhere(
          `(${spellings
            .filter((x) => x.matches)
            .map((x) => `s.document @@ ${x.query}`)
            .join(' OR ')})`,
        );
      // The index's copy of the kind narrows the candidates before the join with resource,
      // whose own kind test (the catalogue's) still decides.
      if (req.filter.kinds?.length)
        qb.andWhere('s.kind IN (:...indexKinds)', { indexKinds: req.filter.kinds });
      const near = req.filter.near;
      if (near && req.viewer.kind === 'ANONYMOUS') {
        // For the public the radius is tested at the public point: the same rows as the
        // catalogue's test, but through the index's own spatial index.
        qb.andWhere(
          'ST_DWithin(s.public_point, ST_SetSRID(ST_MakePoint(:pubLon, :pubLat), 4326)::geography, :pubRadius)',
          { pubLon: near.longitude, pubLat: near.latitude, pubRadius: near.radiusMeters },
        );
      }
      // Each word scores by its best-matching spelling (the typed one counts fully, a synonym
      // or correction less), so a spelling with more character pairs does not win by size.
      // One expression a row, not a subquery aggregating an unnest for every match.
      const perWord = words.map((spellings) => {
        const ranks = spellings.map(
          (x) => `CAST(${x.weight} AS float8) * ts_rank('${RANK_WEIGHTS}', s.document, ${x.query})`,
        );
        return ranks.length > 1 ? `GREATEST(${ranks.join(', ')})` : ranks[0];
      });
      score = `(${perWord.join(' + ')})
         + CASE WHEN s.name_folded = :folded THEN 2
                WHEN starts_with(s.name_folded, :folded) THEN 1
                WHEN strpos(s.name_folded, :folded) > 0 THEN 0.5 ELSE 0 END`;
    }
    let distance = 'NULL::float8';
    if (req.origin) {
      // Measured to the point the viewer may know: a confidential place's area, not the place.
      const exact = exactLocationVisibleTo(req.viewer);
      qb.setParameters({
        ...exact.params,
        originLon: req.origin.longitude,
        originLat: req.origin.latitude,
      });
      distance = `ST_Distance(
        CASE WHEN ${exact.sql} THEN r.location
             ELSE (SELECT la.label_point::geography FROM area la WHERE la.id = r.area_id) END,
        ST_SetSRID(ST_MakePoint(:originLon, :originLat), 4326)::geography)`;
    }
    qb.select('r.id', 'id')
      .addSelect('r.name', 'name')
      .addSelect('r.kind', 'kind')
      .addSelect('r.area_id', 'area_id')
      .addSelect(score, 'score')
      .addSelect(distance, 'distance');
    return qb.getQueryAndParameters();
  }

  private async facets(inner: string, params: unknown[]): Promise<FacetCount[]> {
    const rows: { facet: FacetName; value: string; label: string | null; count: number }[] =
      await this.query(
        `WITH m AS (${inner})
         SELECT * FROM (
         SELECT 'KIND' AS facet, m.kind::text AS value, NULL AS label, count(*)::int AS count
           FROM m GROUP BY m.kind
         UNION ALL
         SELECT 'AREA', x.id::text, min(xa.name), count(DISTINCT m.id)::int
           FROM m JOIN area a ON a.id = m.area_id LEFT JOIN area pa ON pa.id = a.parent_id
           CROSS JOIN LATERAL unnest(ARRAY[a.id, pa.id, pa.parent_id]) AS x(id)
           JOIN area xa ON xa.id = x.id
          GROUP BY x.id
         UNION ALL
         SELECT 'THEME', t.code, min(t.label), count(*)::int
           FROM m JOIN resource_theme rt ON rt.resource_id = m.id JOIN theme t ON t.code = rt.theme_code
          GROUP BY t.code
         UNION ALL
         SELECT 'WEEKDAY', d.w::text, NULL, count(DISTINCT m.id)::int
           FROM m CROSS JOIN LATERAL (
             SELECT unnest(s.weekdays)::int AS w FROM resource_schedule s WHERE s.resource_id = m.id
             UNION SELECT extract(isodow FROM ss.date)::int FROM resource_session ss
              WHERE ss.resource_id = m.id AND ss.date >= current_date) d
          GROUP BY d.w) f
         ORDER BY facet, count DESC, label COLLATE "C", value`,
        params,
      );
    return rows.map((r) => ({
      ...r,
      label:
        r.facet === FacetName.KIND
          ? KIND_LABELS[r.value as ResourceKind]
          : r.facet === FacetName.WEEKDAY
            ? WEEKDAY_LABELS[Number(r.value)]
            : r.label,
    }));
  }
}

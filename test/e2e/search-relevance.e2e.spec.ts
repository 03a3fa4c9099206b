import { seedDemo } from '@db/seeds/demo';
import { JUDGEMENTS, Judgement } from '../fixtures/search-judgements';
import { startTestApp, TestApp } from '../support/test-app';

const K = 10;

interface Listing {
  name: string;
  kind: string;
}

function grade(j: Judgement, r: Listing): number {
  let g = 0;
  for (const [value, match] of j.relevant) {
    const hit = match.startsWith('kind:') ? r.kind === match.slice(5) : r.name.includes(match);
    if (hit) g = Math.max(g, value);
  }
  return g;
}

/** recall@k over what is relevant (at most k of it), and nDCG@k with graded gains. */
function metrics(j: Judgement, results: Listing[], pool: Listing[]) {
  const gains = results.slice(0, K).map((r) => grade(j, r));
  const ideal = pool
    .map((r) => grade(j, r))
    .filter((g) => g > 0)
    .sort((a, b) => b - a);
  const dcg = (gs: number[]) => gs.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const recall = gains.filter((g) => g > 0).length / Math.min(ideal.length, K);
  const ndcg = dcg(gains) / dcg(ideal.slice(0, K));
  return { recall, ndcg, relevant: ideal.length };
}

describe('search relevance on the demo city (judged queries)', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const { municipalityId } = await seedDemo(t.dataSource);
    headers = { 'X-Municipality-Id': municipalityId };
  });
  afterAll(() => t?.close());

  const page = async (
    query: string,
    filter?: Record<string, unknown>,
    first = K,
    after?: string,
  ) => {
    const res = await t.gql(
      `query ($q: String, $f: ResourceFilter, $first: Int, $after: String) {
         searchResources(query: $q, filter: $f, first: $first, after: $after) {
           edges { node { name kind } } pageInfo { hasNextPage endCursor }
         }
       }`,
      { q: query, f: filter, first, after },
      headers,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchResources as {
      edges: { node: Listing }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
  };
  const search = async (query: string, filter?: Record<string, unknown>) =>
    (await page(query, filter)).edges.map((e) => e.node);
  /** Every listing an anonymous caller may see with these filters. */
  const everything = async (filter?: Record<string, unknown>) => {
    const all: Listing[] = [];
    let after: string | undefined;
    for (;;) {
      const p = await page('', filter, 100, after);
      all.push(...p.edges.map((e) => e.node));
      if (!p.pageInfo.hasNextPage) return all;
      after = p.pageInfo.endCursor;
    }
  };

  it('has at least 40 judged queries', () => {
    expect(JUDGEMENTS.length).toBeGreaterThanOrEqual(40);
  });

  it('finds what was asked for first: recall@10 ≥ 0.95 and nDCG@10 ≥ 0.85 on average', async () => {
    // Every public listing the filters allow, to know what an ideal answer would hold.
    const rows: { query: string; recall: number; ndcg: number; top: string }[] = [];
    for (const j of JUDGEMENTS) {
      const results = await search(j.query, j.filter);
      const pool = await everything(j.filter);
      const m = metrics(j, results, pool);
      expect(m.relevant).toBeGreaterThan(0); // a judgement that matches no listing is a typo in it
      rows.push({
        query: j.query,
        ...m,
        top: results
          .slice(0, 3)
          .map((r) => r.name)
          .join(' / '),
      });
    }
    const mean = (key: 'recall' | 'ndcg') => rows.reduce((s, r) => s + r[key], 0) / rows.length;
    const report = rows
      .filter((r) => r.recall < 1 || r.ndcg < 0.9)
      .map((r) => `${r.query}: recall ${r.recall.toFixed(2)} nDCG ${r.ndcg.toFixed(2)} — ${r.top}`)
      .join('\n');
    process.stdout.write(
      `search relevance: ${rows.length} queries, recall@10 ${mean('recall').toFixed(3)}, nDCG@10 ${mean('ndcg').toFixed(3)}\n${report}\n`,
    );
    expect(mean('recall')).toBeGreaterThanOrEqual(0.95);
    expect(mean('ndcg')).toBeGreaterThanOrEqual(0.85);
  });
});

import { useEffect, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { gql } from '../api';
import {
  CatalogueFilterFields,
  filterInput,
  Filters,
  filtersOf,
  useAreas,
  useThemes,
} from '../components/CatalogueFilters';
import { ErrorNote, Loading } from '../components/Status';
import { KINDS, Kind } from '../labels';

import { CONSOLE_LINKS, SignedInFrame } from './Console';

export interface Listing {
  id: string;
  name: string;
  kind: Kind;
  status: string;
  visibility: string;
  isStale: boolean;
  organization: { name: string } | null;
  area: { name: string } | null;
  openings: { capacity: number | null; seatsTaken: number; openSeats: number | null };
}

const SEARCH = `query ($q: String, $f: ResourceFilter, $after: String) {
  searchResources(query: $q, filter: $f, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name kind status visibility isStale organization { name } area { name }
      openings { capacity seatsTaken openSeats } } }
  } }`;

const VISIBILITY: Record<string, string> = {
  PUBLIC: '公開',
  PROFESSIONAL: '専門職のみ',
  PRIVATE: '団体内のみ',
};

/**
 * The catalogue as staff search it: every filter of the public map, and what only staff need
 * (free seats, listings to re-confirm, listings shown to professionals only). With `selected`,
 * each result can be picked (for a batch allocation).
 */
export function CatalogueSearch({
  selected,
  onToggle,
}: {
  selected?: Map<string, Listing>;
  onToggle?: (listing: Listing) => void;
}) {
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Filters>(() => filtersOf(new URLSearchParams()));
  const [openSeats, setOpenSeats] = useState(!!selected);
  const [staleOnly, setStaleOnly] = useState(false);
  const themes = useThemes();
  const [rows, setRows] = useState<Listing[] | null>(null);
  const [total, setTotal] = useState(0);
  const [more, setMore] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const areas = useAreas(setError);

  const run = (after: string | null) =>
    gql<{
      searchResources: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: Listing }[];
      };
    }>(SEARCH, {
      q: q.trim() || null,
      f: {
        ...filterInput(filters),
        ...(openSeats && { hasOpenSeats: true }),
        ...(staleOnly && { staleOnly: true }),
      },
      after,
    });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      run(null).then(
        (d) => {
          if (!current) return;
          setRows(d.searchResources.edges.map((e) => e.node));
          setTotal(d.searchResources.totalCount);
          setMore(
            d.searchResources.pageInfo.hasNextPage ? d.searchResources.pageInfo.endCursor : null,
          );
          setError(null);
        },
        (e: Error) => current && setError(e.message),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, filters, openSeats, staleOnly]);

  const showMore = () => {
    if (!more) return;
    run(more).then(
      (d) => {
        setRows((shown) => [...(shown ?? []), ...d.searchResources.edges.map((e) => e.node)]);
        setMore(
          d.searchResources.pageInfo.hasNextPage ? d.searchResources.pageInfo.endCursor : null,
        );
      },
      (e: Error) => setError(e.message),
    );
  };

  return (
    <div className="catalogue">
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="catalogue-q">キーワード</label>
          <input
            id="catalogue-q"
            type="search"
            value={q}
            autoComplete="off"
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <CatalogueFilterFields
          value={filters}
          onChange={(next) => setFilters({ ...filters, ...next })}
          areas={areas}
          themes={themes}
        />
        <fieldset>
          <legend>受け入れ・確認</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={openSeats}
              onChange={(e) => setOpenSeats(e.target.checked)}
            />
            空きがある（キャンセル待ち可を含む）
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={staleOnly}
              onChange={(e) => setStaleOnly(e.target.checked)}
            />
            確認が必要なものだけ
          </label>
        </fieldset>
      </form>
      <ErrorNote error={error} />
      {rows === null ? (
        <Loading />
      ) : (
        <table className="table">
          <caption aria-live="polite">{total}件</caption>
          <thead>
            <tr>
              {selected && <th scope="col">選ぶ</th>}
              <th scope="col">名称</th>
              <th scope="col">種類</th>
              <th scope="col">団体・地区</th>
              <th scope="col">空き</th>
              <th scope="col">公開範囲</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                {selected && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${r.name}を選ぶ`}
                      checked={selected.has(r.id)}
                      onChange={() => onToggle?.(r)}
                    />
                  </td>
                )}
                <th scope="row">
                  <AppLink to={`/resources/${r.id}`}>{r.name}</AppLink>
                </th>
                <td>{KINDS[r.kind]}</td>
                <td>{[r.organization?.name, r.area?.name].filter(Boolean).join('・')}</td>
                <td>
                  {r.openings.capacity === null
                    ? '制限なし'
                    : `${r.openings.openSeats ?? 0} / ${r.openings.capacity}`}
                </td>
                <td>{VISIBILITY[r.visibility] ?? r.visibility}</td>
                <td>
                  {r.status === 'PAUSED' ? '休止中' : '活動中'}
                  {r.isStale ? '（要確認）' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" className="more" onClick={showMore}>
          さらに表示する
        </button>
      )}
    </div>
  );
}

/** The coordinator's catalogue search. */
export function ConsoleCatalogue() {
  return (
    <SignedInFrame title="活動をさがす" links={CONSOLE_LINKS}>
      <CatalogueSearch />
    </SignedInFrame>
  );
}

interface Assignment {
  candidateId: string;
  alias: string;
  resource: { id: string; name: string };
  score: number;
  locked: boolean;
  explanations: string[];
}
interface Allocation {
  assignments: Assignment[];
  unassigned: string[];
  totalScore: number;
}
type Pair = { candidateId: string; resourceId: string };

const ALLOCATE = `query ($input: AllocateInput!) { allocateOpenings(input: $input) {
  totalScore unassigned
  assignments { candidateId alias score locked explanations resource { id name } }
} }`;

/**
 * Batch allocation (一括の割り当て): people and openings picked, the best total or a stable
 * allocation proposed with its reasons; pairs can be kept (lock) or ruled out (exclude) and the
 * proposal worked out again. Nothing is written: referrals are sent from each person's page.
 */
export function ConsoleAllocation() {
  const [people, setPeople] = useState<{ id: string; alias: string; ready: boolean }[] | null>(
    null,
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [openings, setOpenings] = useState<Map<string, Listing>>(new Map());
  const [method, setMethod] = useState<'MAX_SCORE' | 'STABLE'>('MAX_SCORE');
  const [locked, setLocked] = useState<Pair[]>([]);
  const [excluded, setExcluded] = useState<Pair[]>([]);
  const [result, setResult] = useState<Allocation | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    gql<{ candidates: { edges: { node: { id: string; alias: string; profile: unknown } }[] } }>(
      `query { candidates(first: 100, purpose: "一括の割り当てを検討する") { edges { node { id alias profile { paceStage } } } } }`,
    ).then(
      (d) =>
        setPeople(d.candidates.edges.map((e) => ({ ...e.node, ready: e.node.profile !== null }))),
      (e: Error) => setError(e.message),
    );
  }, []);

  const allocate = async (keep: Pair[], never: Pair[]) => {
    try {
      const { allocateOpenings } = await gql<{ allocateOpenings: Allocation }>(ALLOCATE, {
        input: {
          candidateIds: [...chosen],
          resourceIds: [...openings.keys()],
          method,
          locked: keep,
          excluded: never,
        },
      });
      setResult(allocateOpenings);
      setLocked(keep);
      setExcluded(never);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const same = (a: Pair, b: Pair) =>
    a.candidateId === b.candidateId && a.resourceId === b.resourceId;
  const pairOf = (a: Assignment): Pair => ({
    candidateId: a.candidateId,
    resourceId: a.resource.id,
  });
  const aliasOf = (id: string) => people?.find((p) => p.id === id)?.alias ?? id;

  return (
    <SignedInFrame title="一括の割り当て" links={CONSOLE_LINKS}>
      <p className="lead">
        選んだ人と受け入れ先から、合う組み合わせを提案します。ここでは何も送られません。紹介は一人ずつ、本人と確かめてから送ります。
      </p>
      <ErrorNote error={error} />
      <section aria-labelledby="who">
        <h2 id="who">1. 対象の方（{chosen.size}人）</h2>
        {people === null ? (
          <Loading />
        ) : (
          <fieldset className="people">
            <legend className="visually-hidden">対象の方</legend>
            {people.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  disabled={!p.ready}
                  checked={chosen.has(p.id)}
                  onChange={() => {
                    const next = new Set(chosen);
                    if (next.has(p.id)) next.delete(p.id);
                    else next.add(p.id);
                    setChosen(next);
                  }}
                />
                {p.alias}
                {p.ready ? '' : '（プロフィール未入力）'}
              </label>
            ))}
          </fieldset>
        )}
      </section>
      <section aria-labelledby="where">
        <h2 id="where">2. 受け入れ先（{openings.size}か所）</h2>
        <CatalogueSearch
          selected={openings}
          onToggle={(listing) => {
            const next = new Map(openings);
            if (next.has(listing.id)) next.delete(listing.id);
            else next.set(listing.id, listing);
            setOpenings(next);
          }}
        />
      </section>
      <section aria-labelledby="how">
        <h2 id="how">3. 割り当て</h2>
        <fieldset>
          <legend>考え方</legend>
          <label className="check">
            <input
              type="radio"
              name="method"
              checked={method === 'MAX_SCORE'}
              onChange={() => setMethod('MAX_SCORE')}
            />
            全体で最もよく合うように
          </label>
          <label className="check">
            <input
              type="radio"
              name="method"
              checked={method === 'STABLE'}
              onChange={() => setMethod('STABLE')}
            />
            一人ひとりの希望順を優先して（安定な組み合わせ）
          </label>
        </fieldset>
        <button
          type="button"
          disabled={chosen.size === 0 || openings.size === 0}
          onClick={() => void allocate(locked, excluded)}
        >
          割り当てを提案する
        </button>
      </section>
      {result && (
        <section aria-labelledby="proposal" className="proposal">
          <h2 id="proposal">提案（{result.assignments.length}組）</h2>
          {result.assignments.length === 0 && (
            <p>合う組み合わせはありませんでした。受け入れ先を増やすか、条件を見直してください。</p>
          )}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">方</th>
                <th scope="col">受け入れ先</th>
                <th scope="col">合う理由</th>
                <th scope="col">固定</th>
                <th scope="col">
                  <span className="visually-hidden">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.assignments.map((a) => {
                const pair = pairOf(a);
                const isLocked = locked.some((l) => same(l, pair));
                return (
                  <tr key={`${a.candidateId}:${a.resource.id}`}>
                    <th scope="row">{a.alias}</th>
                    <td>{a.resource.name}</td>
                    <td>
                      <ul className="reasons">
                        {a.explanations.map((e) => (
                          <li key={e}>{e}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${a.alias}と${a.resource.name}の組を固定する`}
                        checked={isLocked}
                        onChange={() =>
                          void allocate(
                            isLocked ? locked.filter((l) => !same(l, pair)) : [...locked, pair],
                            excluded,
                          )
                        }
                      />
                    </td>
                    <td>
                      <div className="buttons">
                        <button
                          type="button"
                          onClick={() =>
                            void allocate(
                              locked.filter((l) => !same(l, pair)),
                              [...excluded, pair],
                            )
                          }
                        >
                          {a.alias}と{a.resource.name}の組を外す
                        </button>
                        <AppLink to={`/console/candidates/${a.candidateId}`}>
                          {a.alias}の紹介へ
                        </AppLink>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.unassigned.length > 0 && (
            <p>割り当てがなかった方: {result.unassigned.map(aliasOf).join('、')}</p>
          )}
          {excluded.length > 0 && (
            <div>
              <p>外した組: {excluded.length}組</p>
              <button type="button" onClick={() => void allocate(locked, [])}>
                外した組を戻す
              </button>
            </div>
          )}
        </section>
      )}
    </SignedInFrame>
  );
}

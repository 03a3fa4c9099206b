import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { appConfig, AppConfig, gql } from '../api';
import { ErrorNote } from '../components/Status';
import { MapView, MapPoint, MapArea } from '../components/MapView';
import {
  CatalogueFilterFields,
  filterInput,
  Filters,
  filtersOf,
  useThemes,
  writeFilters,
} from '../components/CatalogueFilters';
import { GENTLE, Gentle, KINDS, Kind } from '../labels';
import { usePublicMunicipality } from '../municipality';
import { navigate } from '../router';

interface AreaNode {
  id: string;
  name: string;
  level: string;
  boundary: MapArea['boundary'];
  labelPoint: { latitude: number; longitude: number };
}

interface Hit {
  node: {
    id: string;
    name: string;
    kind: Kind;
    description: string | null;
    location: { latitude: number; longitude: number } | null;
    locationIsApproximate: boolean;
    area: { name: string } | null;
    fee: { isFree: boolean; yen: number };
    profile: Record<Gentle, boolean>;
    onlineOnly: boolean;
  };
  distanceMeters: number | null;
}

interface SearchPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Hit[];
}

/** What the page shows, all of it in the URL so that a shared link opens the same view. */
interface View extends Filters {
  q: string;
  near: { latitude: number; longitude: number } | null;
}

function viewOf(url: URL): View {
  const p = url.searchParams;
  const near = (p.get('near') ?? '').split(',').map(Number);
  return {
    q: p.get('q') ?? '',
    ...filtersOf(p),
    near:
      near.length === 2 && near.every(Number.isFinite)
        ? { latitude: near[0], longitude: near[1] }
        : null,
  };
}

function urlOf(view: View, base: URL): string {
  const p = new URLSearchParams();
  const m = base.searchParams.get('m');
  if (m) p.set('m', m);
  if (view.q) p.set('q', view.q);
  writeFilters(view, p);
  if (view.near)
    p.set('near', `${view.near.latitude.toFixed(5)},${view.near.longitude.toFixed(5)}`);
  const at = base.searchParams.get('at');
  if (at) p.set('at', at);
  const query = p.toString();
  return `/${query ? `?${query}` : ''}`;
}

const SEARCH = `query ($q: String, $filter: ResourceFilter, $near: SearchNearInput, $m: ID, $after: String) {
  searchResources(query: $q, filter: $filter, near: $near, municipalityId: $m, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      distanceMeters
      node {
        id name kind description onlineOnly locationIsApproximate
        location { latitude longitude }
        area { name }
        fee { isFree yen }
        profile { observationVisit mayJustBeThere talkingOptional supporterMayAccompany firstTimerFriendly canGrowGradually }
      }
    }
  }
}`;

const AREAS = `query ($m: ID) {
  areas(municipalityId: $m, first: 100) {
    edges { node { id name level boundary labelPoint { latitude longitude } } }
  }
}`;

/** The residents' map: search, filters, the map and the same results as a list. */
export function PublicMap({ url }: { url: URL }) {
  const view = useMemo(() => viewOf(url), [url]);
  const [areas, setAreas] = useState<AreaNode[]>([]);
  const [config, setConfig] = useState<AppConfig>({ tileUrl: null, tileAttribution: '' });
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [typed, setTyped] = useState(view.q);
  const [typedNear, setTypedNear] = useState('');
  const themes = useThemes();
  const first = useRef(true);
  const municipality = usePublicMunicipality(url.searchParams.get('m'), setError);

  useEffect(() => {
    void appConfig().then(setConfig, () => undefined);
  }, []);

  useEffect(() => {
    if (!municipality) return;
    void gql<{ areas: { edges: { node: AreaNode }[] } }>(AREAS, { m: municipality.id }).then(
      (data) => setAreas(data.areas.edges.map((e) => e.node)),
      (e: Error) => setError(e.message),
    );
  }, [municipality]);

  // Search as you type: the words settle for a moment, then the URL (and the results) follow.
  useEffect(() => {
    if (typed === view.q) return;
    const timer = setTimeout(() => navigate(urlOf({ ...view, q: typed }, url), true), 250);
    return () => clearTimeout(timer);
  }, [typed, view, url]);

  const search = useCallback(
    (after: string | null) => {
      const filter = filterInput(view);
      return gql<{ searchResources: SearchPage }>(
        SEARCH,
        {
          q: view.q || null,
          filter,
          near: view.near ? { ...view.near, radiusMeters: 5000 } : null,
          m: municipality!.id,
          after,
        },
        municipality!.id,
      );
    },
    [view, municipality],
  );

  useEffect(() => {
    if (!municipality) return;
    let current = true;
    search(null).then(
      (data) => {
        if (!current) return;
        setHits(data.searchResources.edges);
        setTotal(data.searchResources.totalCount);
        const page = data.searchResources.pageInfo;
        setMore(page.hasNextPage ? page.endCursor : null);
        setError(null);
        if (first.current) {
          first.current = false;
          // Read by the browser test: how long the first results took to show.
          document.documentElement.dataset.firstResultsMs = String(Math.round(performance.now()));
        }
      },
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [municipality, search]);

  const showMore = () => {
    if (!more) return;
    search(more).then(
      (data) => {
        setHits((shown) => [...(shown ?? []), ...data.searchResources.edges]);
        const page = data.searchResources.pageInfo;
        setMore(page.hasNextPage ? page.endCursor : null);
      },
      (e: Error) => setError(e.message),
    );
  };

  const set = (next: Partial<View>) => navigate(urlOf({ ...view, ...next }, url), true);

  const points: MapPoint[] = (hits ?? []).flatMap((h) =>
    h.node.location
      ? [
          {
            id: h.node.id,
            name: h.node.name,
            ...h.node.location,
            approximate: h.node.locationIsApproximate,
          },
        ]
      : [],
  );
  const districts: MapArea[] = areas.filter((a) => a.level !== 'MUNICIPALITY');
  const pickable = areas.filter((a) => a.level === 'DISTRICT' || a.level === 'DAILY_LIFE_AREA');
  const at = (url.searchParams.get('at') ?? '').split(',').map(Number);

  const helpUrl = municipality ? `/help?m=${municipality.id}` : '/help';

  return (
    <div className="page">
      <header className="site-header">
        <h1>{municipality ? `${municipality.name}の` : ''}居場所・活動マップ</h1>
        <p className="lead">
          ふらっと立ち寄れる場所、ボランティア、就労体験、講座を探せます。見学だけ、いるだけでも大丈夫な場所もあります。
        </p>
        <p>
          <AppLink to={helpUrl}>地域の活動を手伝いたい方へ（団体の募集）</AppLink>
        </p>
      </header>

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="q">キーワードで探す</label>
          <input
            id="q"
            type="search"
            value={typed}
            placeholder="例: カフェ、畑、おしゃべり"
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <CatalogueFilterFields
          value={view}
          onChange={(next) => set(next)}
          areas={pickable}
          themes={themes}
        />
        <div className="field near">
          <span className="label" id="near-label">
            近くを探す
          </span>
          <div role="group" aria-labelledby="near-label" className="buttons">
            <button
              type="button"
              onClick={() =>
                navigator.geolocation?.getCurrentPosition((p) =>
                  set({ near: { latitude: p.coords.latitude, longitude: p.coords.longitude } }),
                )
              }
            >
              現在地の近く
            </button>
            <select
              aria-label="地区の近く"
              value=""
              onChange={(e) => {
                const a = areas.find((x) => x.id === e.target.value);
                if (a) set({ near: a.labelPoint });
              }}
            >
              <option value="">地区の近く…</option>
              {pickable.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}の近く
                </option>
              ))}
            </select>
            <input
              aria-label="緯度,経度で指定（例: 35.6895,139.6917）"
              placeholder="緯度,経度"
              value={typedNear}
              onChange={(e) => setTypedNear(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                const parts = typedNear.trim().split(/[,、\s]+/);
                const [latitude, longitude] = parts.map(Number);
                if (
                  parts.length === 2 &&
                  parts.every((part) => part !== '') &&
                  Number.isFinite(latitude) &&
                  Number.isFinite(longitude) &&
                  Math.abs(latitude) <= 90 &&
                  Math.abs(longitude) <= 180
                ) {
                  setError(null);
                  set({ near: { latitude, longitude } });
                } else setError('緯度,経度の形で入力してください（例: 35.6895,139.6917）');
              }}
            />
            {view.near && (
              <button type="button" onClick={() => set({ near: null })}>
                近くの指定をやめる
              </button>
            )}
          </div>
        </div>
      </form>

      <main className="results">
        <section className="list" aria-labelledby="results-heading">
          <h2 id="results-heading">
            見つかった場所{' '}
            <span aria-live="polite">{hits === null ? '（読み込み中）' : `${total}件`}</span>
          </h2>
          <ErrorNote error={error} />
          <ol className="hits">
            {(hits ?? []).map((h) => (
              <li key={h.node.id} className="hit">
                <AppLink to={`/resources/${h.node.id}`}>{h.node.name}</AppLink>
                <p className="meta">
                  <span className={`kind kind-${h.node.kind}`}>{KINDS[h.node.kind]}</span>
                  {h.node.area && <span>{h.node.area.name}</span>}
                  {h.node.onlineOnly && <span>オンライン</span>}
                  <span>{h.node.fee.isFree ? '無料' : `${h.node.fee.yen}円`}</span>
                  {h.distanceMeters !== null && (
                    <span>約{(h.distanceMeters / 1000).toFixed(1)}km</span>
                  )}
                </p>
                <ul className="badges" aria-label="はじめの一歩">
                  {(Object.keys(GENTLE) as Gentle[])
                    .filter((g) => h.node.profile[g])
                    .map((g) => (
                      <li key={g}>{GENTLE[g]}</li>
                    ))}
                </ul>
              </li>
            ))}
          </ol>
          {more && (
            <button type="button" className="more" onClick={showMore}>
              さらに表示する（{total - (hits?.length ?? 0)}件）
            </button>
          )}
          {hits !== null && hits.length === 0 && (
            <p>条件に合う場所は見つかりませんでした。条件を減らしてみてください。</p>
          )}
        </section>
        <section className="map" aria-label="地図（同じ内容は一覧にあります）">
          <MapView
            areas={districts}
            points={points}
            tiles={config}
            focus={view.near}
            initial={
              at.length === 3 && at.every(Number.isFinite)
                ? { latitude: at[0], longitude: at[1], zoom: at[2] }
                : null
            }
            onOpen={(id) => navigate(`/resources/${id}`)}
            onMoved={(c) => {
              const next = new URL(window.location.href);
              next.searchParams.set(
                'at',
                `${c.latitude.toFixed(5)},${c.longitude.toFixed(5)},${c.zoom}`,
              );
              window.history.replaceState(window.history.state, '', next.pathname + next.search);
            }}
          />
        </section>
      </main>
    </div>
  );
}

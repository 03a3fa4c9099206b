import { navigate } from './router';

/** GraphQL over the api's own origin. The public pages send the municipality they show. */
export interface FieldError {
  field: string;
  message: string;
}

/** A refusal from the api: its message, and each field it names (for the form to point at). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/**
 * The signed-in session, kept for this tab only (sessionStorage), never in a cookie: the
 * short-lived access token and the refresh token that renews it (each refresh token works once).
 */
const TOKEN = 'tsunagu.accessToken';
const REFRESH = 'tsunagu.refreshToken';
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN),
  start: (token: string, refreshToken: string) => {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(REFRESH, refreshToken);
  },
  end: () => {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(REFRESH);
  },
};

type Body<T> = {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; errors?: FieldError[] } }[];
};

async function post<T>(
  query: string,
  variables: Record<string, unknown>,
  municipalityId?: string,
  token: string | null = session.token(),
): Promise<Body<T>> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(municipalityId ? { 'x-municipality-id': municipalityId } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Body<T>;
}

/**
 * Renewals across the tabs of this browser. A duplicated tab starts with a copy of this tab's
 * tokens, and a refresh token works once (a second use ends the session): so renewals take
 * turns (Web Locks), and a tab that renews tells the others (BroadcastChannel), which take the
 * new pair when they held the same old one.
 */
const channel =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tsunagu.session');
interface Renewed {
  old: string;
  accessToken: string;
  refreshToken: string;
}
channel?.addEventListener('message', (event: MessageEvent<Renewed>) => {
  if (sessionStorage.getItem(REFRESH) === event.data.old)
    session.start(event.data.accessToken, event.data.refreshToken);
});

/** The renewal under way in this tab, shared by its calls (browsers without Web Locks too). */
let renewing: Promise<boolean> | null = null;
function renew(): Promise<boolean> {
  renewing ??= renewInTurn().finally(() => {
    renewing = null;
  });
  return renewing;
}

function renewInTurn(): Promise<boolean> {
  const before = sessionStorage.getItem(REFRESH);
  if (!before) return Promise.resolve(false);
  const turn = async (): Promise<boolean> => {
    // A twin tab that renewed just before this turn has posted its pair: let it arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const current = sessionStorage.getItem(REFRESH);
    // Renewed meanwhile, by another call of this tab or by a twin tab.
    if (current !== before) return current !== null;
    const body = await post<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`,
      { t: current },
      undefined,
      // Without the expired access token, which the api would refuse before reading the call.
      null,
    ).catch(() => null);
    if (!body?.data) return false;
    const renewed = body.data.refreshToken;
    session.start(renewed.accessToken, renewed.refreshToken);
    channel?.postMessage({ old: current, ...renewed } satisfies Renewed);
    return true;
  };
  if (!navigator.locks) return turn();
  return navigator.locks.request('tsunagu.renew', turn) as Promise<unknown> as Promise<boolean>;
}

/**
 * A GraphQL call. An expired access token is renewed once with the refresh token and the call
 * repeated; when that fails too, the session ends and the sign-in page opens.
 */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  municipalityId?: string,
): Promise<T> {
  let body = await post<T>(query, variables, municipalityId);
  const expired = body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && session.token();
  if (expired) {
    if (await renew()) body = await post<T>(query, variables, municipalityId);
    else {
      session.end();
      navigate('/login');
    }
  }
  if (body.errors?.length || !body.data)
    throw new ApiError(
      body.errors?.[0]?.message ?? '通信に失敗しました',
      body.errors?.[0]?.extensions?.errors ?? [],
    );
  return body.data;
}

export interface AppConfig {
  tileUrl: string | null;
  tileAttribution: string;
}

export async function appConfig(): Promise<AppConfig> {
  const res = await fetch('/app-config.json');
  return (await res.json()) as AppConfig;
}

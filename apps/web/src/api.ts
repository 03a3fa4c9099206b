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

/** One renewal at a time, shared by the calls that found the access token expired. */
let renewing: Promise<boolean> | null = null;
function renew(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH);
  if (!refreshToken) return Promise.resolve(false);
  renewing ??= post<{ refreshToken: { accessToken: string; refreshToken: string } }>(
    `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`,
    { t: refreshToken },
    undefined,
    // Without the expired access token, which the api would refuse before reading the call.
    null,
  )
    .then((body) => {
      if (!body.data) return false;
      session.start(body.data.refreshToken.accessToken, body.data.refreshToken.refreshToken);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      renewing = null;
    });
  return renewing;
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

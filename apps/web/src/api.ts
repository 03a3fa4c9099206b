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

/** The signed-in session, kept for this tab only (sessionStorage), never in a cookie. */
const TOKEN = 'tsunagu.accessToken';
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN),
  start: (token: string) => sessionStorage.setItem(TOKEN, token),
  end: () => sessionStorage.removeItem(TOKEN),
};

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  municipalityId?: string,
): Promise<T> {
  const token = session.token();
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(municipalityId ? { 'x-municipality-id': municipalityId } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { errors?: FieldError[] } }[];
  };
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

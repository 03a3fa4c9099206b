import { BadUserInputException, ForbiddenException } from '../errors/domain.exception';
import { AsyncLocalStorage } from 'node:async_hooks';

export type Role = 'ADMIN' | 'COORDINATOR' | 'HOST';

/**
 * Who is asking: anonymous, or a signed-in user of one municipality with one role (set by the
 * identity middleware from a verified access token whose session is still open). Domains decide
 * what a viewer may see from this alone.
 */
export type Viewer =
  | { kind: 'ANONYMOUS' }
  | {
      kind: 'COORDINATOR';
      userId: string;
      municipalityId: string;
      teamId: string | null;
      areaIds: readonly string[];
    }
  | { kind: 'ADMIN'; userId: string; municipalityId: string }
  | {
      kind: 'HOST';
      userId: string;
      municipalityId: string;
      organizationIds: readonly string[];
    };

export type SignedInViewer = Exclude<Viewer, { kind: 'ANONYMOUS' }>;

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'ANONYMOUS' });

/** What every layer may know about the request in progress, without passing it by hand. */
export interface RequestContextData {
  requestId: string;
  /** The municipality an anonymous caller browses (`X-Municipality-Id`), when given. */
  defaultMunicipalityId: string | null;
  viewer: Viewer;
  /**
   * The tenant the database sees (row-level security), when it is not the viewer's own: only
   * sign-in sets it, after finding the user by a keyed hash of the e-mail address.
   */
  dbTenantId?: string | null;
  /** The client's address, for rate limits; never stored. */
  ip?: string;
  /** The sign-in session of the access token, when signed in. */
  sessionId?: string;
  /** Signed in with a temporary password an admin issued: only choosing a new one is allowed. */
  passwordChangeRequired?: boolean;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  viewer(): Viewer {
    return storage.getStore()?.viewer ?? ANONYMOUS;
  },
  /** The signed-in viewer; FORBIDDEN for anonymous callers (guards normally stop them first). */
  signedIn(): SignedInViewer {
    const viewer = storage.getStore()?.viewer ?? ANONYMOUS;
    if (viewer.kind === 'ANONYMOUS') throw new ForbiddenException();
    return viewer;
  },
  /**
   * Runs `fn` outside the request: its database work runs as the system (the owner). Only for
   * work that reads no tenant data, such as the readiness check of the schema.
   */
  outside<T>(fn: () => T): T {
    return storage.exit(fn);
  },
  /**
   * Runs `fn` as the platform acting in one municipality, outside any request (hourly jobs): its
   * database work runs as the application role with that tenant, bound by row-level security
   * like a request, whether or not the database login could bypass it.
   */
  asPlatformIn<T>(municipalityId: string, fn: () => T): T {
    return storage.run(
      {
        requestId: `platform:${municipalityId}`,
        defaultMunicipalityId: municipalityId,
        viewer: ANONYMOUS,
        dbTenantId: municipalityId,
      },
      fn,
    );
  },
  /** Runs `fn` with the database tenant set to `municipalityId` (sign-in, before a viewer exists). */
  asTenant<T>(municipalityId: string, fn: () => T): T {
    const current = storage.getStore();
    if (!current) throw new Error('asTenant needs a request context');
    return storage.run({ ...current, dbTenantId: municipalityId }, fn);
  },
};

/** The tenant and user a request's database work runs as; null outside any request (system work). */
export function databaseScope(): { tenantId: string | null; userId: string | null } | null {
  const ctx = storage.getStore();
  if (!ctx) return null;
  const v = ctx.viewer;
  const signedIn = v.kind !== 'ANONYMOUS';
  return {
    tenantId: ctx.dbTenantId !== undefined ? ctx.dbTenantId : signedIn ? v.municipalityId : null,
    userId: signedIn ? v.userId : null,
  };
}

/**
 * The municipality a call acts in: the one named in the call, else the signed-in user's, else
 * the one an anonymous caller browses.
 */
export function resolveMunicipalityId(explicit: string | null | undefined): string {
  const ctx = storage.getStore();
  const v = ctx?.viewer ?? ANONYMOUS;
  const id =
    explicit ?? (v.kind !== 'ANONYMOUS' ? v.municipalityId : null) ?? ctx?.defaultMunicipalityId;
  if (!id) {
    throw BadUserInputException.field('municipalityId', '自治体を指定してください');
  }
  return id;
}

import { BadUserInputException } from '../errors/domain.exception';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is asking. Every caller is anonymous until identity (sign-in) sets the viewer from a token;
 * domains decide what a viewer may see from this alone.
 */
export type Viewer =
  | { kind: 'ANONYMOUS' }
  | { kind: 'COORDINATOR'; municipalityId: string }
  | { kind: 'ADMIN'; municipalityId: string }
  | { kind: 'HOST'; municipalityId: string; organizationIds: readonly string[] };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'ANONYMOUS' });

/** What every layer may know about the request in progress, without passing it by hand. */
export interface RequestContextData {
  requestId: string;
  /** The municipality (tenant) the request acts in, when known. Identity will set it from the token. */
  tenantId: string | null;
  viewer: Viewer;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  tenantId(): string | null {
    return storage.getStore()?.tenantId ?? null;
  },
  viewer(): Viewer {
    return storage.getStore()?.viewer ?? ANONYMOUS;
  },
};

/** The municipality a call acts in: the one named in the call, else the request's tenant. */
export function resolveMunicipalityId(explicit: string | null | undefined): string {
  const id = explicit ?? RequestContext.tenantId();
  if (!id) {
    throw BadUserInputException.field('municipalityId', '自治体を指定してください');
  }
  return id;
}

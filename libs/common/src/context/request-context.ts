import { BadUserInputException } from '../errors/domain.exception';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What every layer may know about the request in progress, without passing it by hand. */
export interface RequestContextData {
  requestId: string;
  /** The municipality (tenant) the request acts in, when known. Identity will set it from the token. */
  tenantId: string | null;
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
};

/** The municipality a call acts in: the one named in the call, else the request's tenant. */
export function resolveMunicipalityId(explicit: string | null | undefined): string {
  const id = explicit ?? RequestContext.tenantId();
  if (!id) {
    throw BadUserInputException.field('municipalityId', '自治体を指定してください');
  }
  return id;
}

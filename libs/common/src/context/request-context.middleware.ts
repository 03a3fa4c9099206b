import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, RequestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

type WithId = IncomingMessage & { id?: string };

/**
 * The request's id, assigned once: the caller's `X-Request-Id` when it is sane, else a new one.
 * pino-http asks first (so its log lines carry it), then the context middleware.
 */
export function requestIdOf(req: IncomingMessage): string {
  const r = req as WithId;
  if (!r.id) {
    const incoming = req.headers['x-request-id'];
    r.id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  }
  return r.id;
}

/** Opens the request context: a request id (taken from `X-Request-Id` when sane) and the tenant. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = requestIdOf(req);
    const tenantHeader = req.header('x-municipality-id');
    const tenantId = tenantHeader && UUID.test(tenantHeader) ? tenantHeader.toLowerCase() : null;
    res.setHeader('X-Request-Id', requestId);
    RequestContext.run({ requestId, defaultMunicipalityId: tenantId, viewer: ANONYMOUS }, next);
  }
}

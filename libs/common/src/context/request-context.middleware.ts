import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS, RequestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Opens the request context: a request id (taken from `X-Request-Id` when sane) and the tenant. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const incoming = req.header('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const tenantHeader = req.header('x-municipality-id');
    const tenantId = tenantHeader && UUID.test(tenantHeader) ? tenantHeader.toLowerCase() : null;
    (req as Request & { id?: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    RequestContext.run({ requestId, tenantId, viewer: ANONYMOUS }, next);
  }
}

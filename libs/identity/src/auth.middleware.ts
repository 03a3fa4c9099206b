import { DomainException, RequestContext } from '@app/common';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from './auth.service';
import { RateLimits } from './rate-limits';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;

/**
 * Turns a bearer token into the request's viewer (after RequestContextMiddleware opened the
 * context), and spends the request budgets of the address and the user. A token that is no longer
 * valid is answered 401 at once, so that a client knows to refresh or sign in again; a request
 * over budget is answered 429 with Retry-After.
 */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: RateLimits,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.authenticate(req).then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof DomainException)) return next(error);
        const status = error.code === 'TOO_MANY_REQUESTS' ? 429 : 401;
        const retry = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retry) res.setHeader('Retry-After', String(retry));
        res
          .status(status)
          .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      },
    );
  }

  private async authenticate(req: Request): Promise<void> {
    const ctx = RequestContext.current();
    if (!ctx) throw new Error('AuthMiddleware runs inside the request context');
    ctx.ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const header = req.header('authorization');
    if (header) {
      const token = BEARER.exec(header)?.[1];
      if (!token) throw new UnauthenticatedHeader();
      const found = await this.auth.viewerFor(token);
      ctx.viewer = found.viewer;
      ctx.sessionId = found.sessionId;
      ctx.passwordChangeRequired = found.mustChangePassword;
    }
    const v = ctx.viewer;
    await this.limits.request(ctx.ip, v.kind === 'ANONYMOUS' ? null : v.userId);
  }
}

class UnauthenticatedHeader extends DomainException {
  constructor() {
    super('UNAUTHENTICATED', 'Authorization ヘッダーは「Bearer <トークン>」の形にしてください');
  }
}

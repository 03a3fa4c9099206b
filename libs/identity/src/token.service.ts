import { APP_CONFIG, AppConfig, UnauthenticatedException } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { createHash, randomBytes } from 'node:crypto';

const ISSUER = 'tsunagu';
const AUDIENCE = 'tsunagu-api';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  municipalityId: string;
}

export interface RefreshClaims extends AccessClaims {
  /** The refresh secret; the session keeps only its hash. */
  secret: string;
  /** The session's refresh generation this token was issued at. */
  generation: number;
}

export const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Short-lived access tokens and longer refresh tokens, both JWTs signed with HS256 (jose). A
 * token names its session and municipality; whether the session is still open is checked on
 * every request, so signing out or disabling a user takes effect at once.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new Uint8Array(config.secrets.jwtSecret);
  }

  get accessSeconds(): number {
    return this.config.auth.accessTokenSeconds;
  }

  get refreshSeconds(): number {
    return this.config.auth.refreshTokenDays * 86_400;
  }

  newRefreshSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  access(claims: AccessClaims): Promise<string> {
    return this.sign('access', claims, this.accessSeconds);
  }

  refresh(claims: RefreshClaims): Promise<string> {
    return this.sign('refresh', claims, this.refreshSeconds, {
      jti: claims.secret,
      gen: claims.generation,
    });
  }

  verifyAccess(token: string): Promise<AccessClaims> {
    return this.verify(token, 'access');
  }

  async verifyRefresh(token: string): Promise<RefreshClaims> {
    const payload = await this.verify(token, 'refresh');
    if (typeof payload.secret !== 'string' || !Number.isInteger(payload.generation))
      throw new UnauthenticatedException(EXPIRED);
    return payload as RefreshClaims;
  }

  private sign(
    typ: string,
    c: AccessClaims,
    seconds: number,
    extra: Record<string, string | number> = {},
  ): Promise<string> {
    return new SignJWT({ typ, sid: c.sessionId, mun: c.municipalityId, ...extra })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(c.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .sign(this.key);
  }

  private async verify(
    token: string,
    typ: string,
  ): Promise<AccessClaims & { secret?: string; generation?: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (
        payload.typ !== typ ||
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        typeof payload.mun !== 'string'
      )
        throw new UnauthenticatedException(EXPIRED);
      return {
        userId: payload.sub,
        sessionId: payload.sid,
        municipalityId: payload.mun,
        secret: payload.jti,
        generation: typeof payload.gen === 'number' ? payload.gen : undefined,
      };
    } catch (error) {
      if (error instanceof UnauthenticatedException) throw error;
      if (error instanceof errors.JOSEError) throw new UnauthenticatedException(EXPIRED);
      throw error;
    }
  }
}

export const EXPIRED = 'ログインの有効期限が切れたか、無効です。もう一度ログインしてください';

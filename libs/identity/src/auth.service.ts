import {
  APP_CONFIG,
  AppConfig,
  FieldCipher,
  RequestContext,
  UnauthenticatedException,
  Viewer,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AuthSessionEntity, UserEntity, UserStatus } from './identity.entities';
import { verifyAgainstNothing, verifyPassword } from './password';
import { RateLimits } from './rate-limits';
import { SessionRepository } from './session.repository';
import { EXPIRED, sha256, TokenService } from './token.service';
import { UserRepository } from './user.repository';

export const EMAIL_FIELD = 'app_user.email';
/** One message for every failed sign-in: it never tells which part was wrong, or whether the account exists. */
export const LOGIN_FAILED =
  'メールアドレスまたはパスワードが違います。続けて間違えると、しばらくログインできなくなります';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly cipher: FieldCipher,
    private readonly limits: RateLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sign-in. Repeated failures are slowed (a growing pause before the answer) and, after
   * LOGIN_MAX_FAILURES in a row, the account is locked for LOGIN_LOCK_MINUTES; attempts are also
   * budgeted per address and per account.
   */
  async login(email: string, password: string): Promise<IssuedTokens> {
    const emailHash = this.cipher.lookupHash(email, EMAIL_FIELD);
    await this.limits.loginAttempt(RequestContext.current()?.ip ?? 'unknown', emailHash);
    const found = await this.users.identify(emailHash);
    if (!found) {
      // As long as a wrong password for a real account: an unknown address is not told apart.
      await verifyAgainstNothing(password);
      await sleep(this.pauseAfter(1));
      throw new UnauthenticatedException(LOGIN_FAILED);
    }
    return RequestContext.asTenant(found.municipalityId, async () => {
      const user = await this.users.findById(found.userId);
      if (!user) throw new UnauthenticatedException(LOGIN_FAILED);
      const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
      const valid = await verifyPassword(user.passwordHash, password);
      if (!valid || locked || user.status !== UserStatus.ACTIVE) {
        const failures = locked ? this.config.auth.maxFailures : await this.recordFailure(user.id);
        await sleep(this.pauseAfter(failures));
        throw new UnauthenticatedException(LOGIN_FAILED);
      }
      return this.dataSource.transaction(async (em) => {
        await em
          .getRepository(UserEntity)
          .update({ id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
        const secret = this.tokens.newRefreshSecret();
        const session = await em.getRepository(AuthSessionEntity).save({
          userId: user.id,
          municipalityId: user.municipalityId,
          refreshHash: sha256(secret),
          expiresAt: new Date(Date.now() + this.tokens.refreshSeconds * 1000),
        });
        return this.issue(user, session, secret);
      });
    });
  }

  /** A new pair of tokens for a valid refresh token; the old one stops working. Reuse revokes the session. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    const outcome = await RequestContext.asTenant(claims.municipalityId, () =>
      this.dataSource.transaction(async (em): Promise<IssuedTokens | 'REUSED' | 'INVALID'> => {
        const session = await em.getRepository(AuthSessionEntity).findOne({
          where: { id: claims.sessionId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!session || session.revokedAt || session.expiresAt <= new Date()) return 'INVALID';
        if (claims.generation < session.refreshGeneration) {
          // A refresh token the session has moved past: someone else may hold a copy. The
          // session ends (and stays ended: this transaction commits before the caller is refused).
          await this.sessions.revoke(session.id, 'refresh token reused', em);
          return 'REUSED';
        }
        if (
          claims.generation !== session.refreshGeneration ||
          session.refreshHash !== sha256(claims.secret)
        )
          return 'INVALID';
        const user = await em.getRepository(UserEntity).findOneBy({ id: session.userId });
        if (!user || user.status !== UserStatus.ACTIVE) return 'INVALID';
        const secret = this.tokens.newRefreshSecret();
        session.refreshGeneration += 1;
        await em.getRepository(AuthSessionEntity).update(
          { id: session.id },
          {
            refreshGeneration: session.refreshGeneration,
            refreshHash: sha256(secret),
            refreshedAt: new Date(),
          },
        );
        return this.issue(user, session, secret);
      }),
    );
    if (typeof outcome === 'string') throw new UnauthenticatedException(EXPIRED);
    return outcome;
  }

  /** Ends the session the request's access token belongs to. */
  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, 'signed out');
  }

  /** The viewer a bearer token stands for, or an UNAUTHENTICATED error when it no longer does. */
  async viewerFor(
    accessToken: string,
  ): Promise<{ viewer: Viewer; sessionId: string; mustChangePassword: boolean }> {
    const claims = await this.tokens.verifyAccess(accessToken);
    const found = await RequestContext.asTenant(claims.municipalityId, () =>
      this.sessions.viewerOf(claims.sessionId, claims.userId),
    );
    if (!found) throw new UnauthenticatedException(EXPIRED);
    return { ...found, sessionId: claims.sessionId };
  }

  /**
   * One more failure in a row, counted in one statement (concurrent guesses cannot all read the
   * same count); the last allowed one locks the account. Answers the failures so far.
   */
  private recordFailure(userId: string): Promise<number> {
    return this.users.recordFailure(
      userId,
      this.config.auth.maxFailures,
      this.config.auth.lockMinutes,
    );
  }

  /** 0.25 s, 0.5 s, 1 s, 2 s, 4 s after each failure in a row. */
  private pauseAfter(failures: number): number {
    return Math.min(4000, 125 * 2 ** Math.min(failures, 5));
  }

  private async issue(
    user: UserEntity,
    session: AuthSessionEntity,
    secret: string,
  ): Promise<IssuedTokens> {
    const claims = { userId: user.id, sessionId: session.id, municipalityId: user.municipalityId };
    return {
      accessToken: await this.tokens.access(claims),
      refreshToken: await this.tokens.refresh({
        ...claims,
        secret,
        generation: session.refreshGeneration,
      }),
      accessTokenExpiresAt: new Date(Date.now() + this.tokens.accessSeconds * 1000),
      refreshTokenExpiresAt: session.expiresAt,
      user,
    };
  }
}

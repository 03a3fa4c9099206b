import { RequestContext, Role, SignedInViewer } from '../context/request-context';
import { ForbiddenException, UnauthenticatedException } from '../errors/domain.exception';
import { CanActivate, ExecutionContext, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

export const ACCESS_METADATA = 'tsunagu:access';

/** Who may call an operation. Every Query, Mutation and HTTP route declares one; none means no one. */
export type AccessRule = { kind: 'PUBLIC' } | { kind: 'ROLES'; roles: Role[] };

/** Anyone, signed in or not (public catalogue data, sign-in itself, health checks). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'PUBLIC' } satisfies AccessRule);

/** Signed-in users with one of these roles; services still check which rows are theirs. */
export const Roles = (...roles: Role[]) =>
  SetMetadata(ACCESS_METADATA, { kind: 'ROLES', roles } satisfies AccessRule);

/** Any signed-in user. */
export const SignedIn = () => Roles('ADMIN', 'COORDINATOR', 'HOST');

export const TEMPORARY_PASSWORD_METADATA = 'tsunagu:temporary-password-ok';
/**
 * Allowed while the user still signs in with a temporary password (choosing a new one, signing
 * out, reading who one is); everything else waits until the password is changed.
 */
export const AllowedWithTemporaryPassword = () => SetMetadata(TEMPORARY_PASSWORD_METADATA, true);

/** How an access rule reads in the guard snapshot and in error logs. */
export function describeAccess(rule: AccessRule | undefined): string {
  if (!rule) return 'NONE';
  return rule.kind === 'PUBLIC' ? 'PUBLIC' : `ROLES(${[...rule.roles].sort().join(',')})`;
}

/**
 * Deny by default: an operation without an access rule is refused (and logged as a programming
 * error); a role rule needs a signed-in viewer with one of the roles.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(
        { handler: `${context.getClass().name}.${context.getHandler().name}` },
        'Operation has no access rule; refused',
      );
      throw new ForbiddenException();
    }
    if (rule.kind === 'PUBLIC') return true;
    const viewer = RequestContext.viewer();
    if (viewer.kind === 'ANONYMOUS') throw new UnauthenticatedException();
    if (!rule.roles.includes(viewer.kind)) throw new ForbiddenException();
    if (
      RequestContext.current()?.passwordChangeRequired &&
      !this.reflector.get<boolean | undefined>(TEMPORARY_PASSWORD_METADATA, context.getHandler())
    )
      throw new ForbiddenException(
        '仮のパスワードでログインしています。先に新しいパスワードを設定してください（changePassword）',
      );
    return true;
  }
}

/**
 * The signed-in viewer, if they may change data of this municipality (and, for a host member, of
 * this organisation); otherwise FORBIDDEN in words that say why. Row-level security enforces the
 * municipality part a second time in the database.
 */
export function assertManages(
  municipalityId: string,
  organizationId?: string | null,
): SignedInViewer {
  const viewer = RequestContext.signedIn();
  if (viewer.municipalityId !== municipalityId)
    throw new ForbiddenException('他の自治体のデータは変更できません');
  if (
    viewer.kind === 'HOST' &&
    (!organizationId || !viewer.organizationIds.includes(organizationId))
  )
    throw new ForbiddenException('所属する団体のデータだけを変更できます');
  return viewer;
}

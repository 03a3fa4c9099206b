import { AuditAction, AuditService } from '@app/audit';
import {
  BadUserInputException,
  FieldCipher,
  FieldError,
  isUniqueViolation,
  NotFoundException,
  Page,
  RequestContext,
  UnauthenticatedException,
} from '@app/common';
import { AreaService } from '@app/municipality';
import { OrganizationService } from '@app/organization';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EMAIL_FIELD } from './auth.service';
import { CreateUserInput, UpdateUserInput } from './dto/identity.input';
import { TeamEntity, UserEntity, UserRole, UserStatus } from './identity.entities';
import { TeamModel, UserModel } from './models/identity.models';
import { checkNewPassword, hashPassword, temporaryPassword, verifyPassword } from './password';
import { RateLimits } from './rate-limits';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

export const DISPLAY_NAME_FIELD = 'app_user.display_name';

/** Users, teams and passwords of the signed-in admin's municipality. */
@Injectable()
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly cipher: FieldCipher,
    private readonly areas: AreaService,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
  ) {}

  async me(): Promise<UserModel> {
    const viewer = RequestContext.signedIn();
    const user = await this.users.findById(viewer.userId);
    if (!user) throw new UnauthenticatedException();
    return this.toModel(user);
  }

  async page(first?: number, after?: string): Promise<Page<UserModel>> {
    const admin = RequestContext.signedIn();
    const page = await this.users.page(admin.municipalityId, first, after);
    await this.audit.record({
      action: AuditAction.LIST,
      entityType: 'user',
      purpose: '利用者の一覧',
    });
    const hosts = page.edges.filter((e) => e.node.role === UserRole.HOST).map((e) => e.node.id);
    const memberships = await this.users.organizationIdsOfMany(hosts);
    return {
      ...page,
      edges: page.edges.map((e) => ({
        ...e,
        node: this.modelOf(e.node, memberships.get(e.node.id) ?? []),
      })),
    };
  }

  async create(
    input: CreateUserInput,
  ): Promise<{ user: UserModel; temporaryPassword: string | null }> {
    const admin = RequestContext.signedIn();
    const temporary = input.password ? null : temporaryPassword();
    const password = input.password ?? temporary!;
    if (input.password) checkNewPassword(input.password, input.email, 'password');
    const passwordHash = await hashPassword(password);
    const user = await this.dataSource
      .transaction(async (em) => {
        await this.checkAssignment(admin.municipalityId, input.role, input, em);
        const saved = await em.getRepository(UserEntity).save({
          municipalityId: admin.municipalityId,
          role: input.role,
          emailHash: this.cipher.lookupHash(input.email, EMAIL_FIELD),
          emailEncrypted: this.cipher.encrypt(input.email.trim(), EMAIL_FIELD),
          displayNameEncrypted: this.cipher.encrypt(input.displayName, DISPLAY_NAME_FIELD),
          passwordHash,
          teamId: input.role === UserRole.COORDINATOR ? (input.teamId ?? null) : null,
          areaIds: input.role === UserRole.COORDINATOR ? (input.areaIds ?? []) : [],
          mustChangePassword: temporary !== null,
        });
        if (input.role === UserRole.HOST)
          await this.users.replaceOrganizations(saved, input.organizationIds ?? [], em);
        await this.audit.record(
          {
            action: AuditAction.CREATE,
            entityType: 'user',
            entityId: saved.id,
            purpose: '利用者の登録',
          },
          em,
        );
        return saved;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'app_user_email_hash_key'))
          throw BadUserInputException.field('email', 'このメールアドレスはすでに登録されています');
        throw error;
      });
    return { user: await this.toModel(user), temporaryPassword: temporary };
  }

  async update(id: string, input: UpdateUserInput): Promise<UserModel> {
    const admin = RequestContext.signedIn();
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.findForUpdate(id, em);
      if (!user || user.municipalityId !== admin.municipalityId)
        throw new NotFoundException('利用者', 'id');
      const role = input.role ?? user.role;
      const next = {
        teamId: input.teamId !== undefined ? input.teamId : user.teamId,
        areaIds: input.areaIds ?? user.areaIds,
        organizationIds: input.organizationIds ?? (await this.users.organizationIdsOf(id, em)),
      };
      await this.checkAssignment(admin.municipalityId, role, next, em);
      if (id === admin.userId && role !== UserRole.ADMIN)
        throw BadUserInputException.field('role', '自分自身の管理者権限は外せません');
      await this.users.update(
        id,
        {
          role,
          ...(input.displayName && {
            displayNameEncrypted: this.cipher.encrypt(input.displayName, DISPLAY_NAME_FIELD),
          }),
          teamId: role === UserRole.COORDINATOR ? next.teamId : null,
          areaIds: role === UserRole.COORDINATOR ? next.areaIds : [],
        },
        em,
      );
      await this.users.replaceOrganizations(
        user,
        role === UserRole.HOST ? next.organizationIds : [],
        em,
      );
      if (role !== user.role) await this.sessions.revokeAllOf(id, 'role changed', em);
      await this.audit.record(
        { action: AuditAction.UPDATE, entityType: 'user', entityId: id, purpose: '利用者の変更' },
        em,
      );
      return this.toModel((await this.users.findById(id, em))!, em);
    });
  }

  /** A new temporary password; every session of the user ends and any lock is lifted. */
  async resetPassword(id: string): Promise<{ user: UserModel; temporaryPassword: string }> {
    const admin = RequestContext.signedIn();
    const temporary = temporaryPassword();
    const passwordHash = await hashPassword(temporary);
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.findForUpdate(id, em);
      if (!user || user.municipalityId !== admin.municipalityId)
        throw new NotFoundException('利用者', 'id');
      await this.users.update(
        id,
        {
          passwordHash,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          passwordChangedAt: new Date(),
        },
        em,
      );
      await this.sessions.revokeAllOf(id, 'password reset by an admin', em);
      await this.audit.record(
        {
          action: AuditAction.UPDATE,
          entityType: 'user',
          entityId: id,
          purpose: 'パスワードの再発行',
        },
        em,
      );
      return {
        user: await this.toModel((await this.users.findById(id, em))!, em),
        temporaryPassword: temporary,
      };
    });
  }

  async setStatus(id: string, status: UserStatus): Promise<UserModel> {
    const admin = RequestContext.signedIn();
    if (id === admin.userId && status !== UserStatus.ACTIVE)
      throw BadUserInputException.field('status', '自分自身は停止できません');
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.findForUpdate(id, em);
      if (!user || user.municipalityId !== admin.municipalityId)
        throw new NotFoundException('利用者', 'id');
      await this.users.update(id, { status }, em);
      if (status !== UserStatus.ACTIVE) await this.sessions.revokeAllOf(id, 'disabled', em);
      await this.audit.record(
        {
          action: AuditAction.UPDATE,
          entityType: 'user',
          entityId: id,
          purpose: `利用状態の変更（${status}）`,
        },
        em,
      );
      return this.toModel((await this.users.findById(id, em))!, em);
    });
  }

  /** The signed-in user's own new password; their other sessions end. */
  async changePassword(current: string, next: string, sessionId: string | null): Promise<void> {
    const viewer = RequestContext.signedIn();
    const user = await this.users.findById(viewer.userId);
    if (!user) throw new UnauthenticatedException();
    // Guesses at the current password (with a stolen access token) are budgeted like sign-ins.
    await this.limits.loginAttempt(
      RequestContext.current()?.ip ?? 'unknown',
      `password:${user.id}`,
    );
    if (!(await verifyPassword(user.passwordHash, current)))
      throw BadUserInputException.field('currentPassword', '現在のパスワードが違います');
    const email = this.cipher.decrypt(user.emailEncrypted, EMAIL_FIELD);
    checkNewPassword(next, email, 'newPassword');
    if (current === next)
      throw BadUserInputException.field(
        'newPassword',
        '新しいパスワードは現在のものと変えてください',
      );
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (em) => {
      await this.users.update(
        user.id,
        { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
        em,
      );
      await em.query(
        `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'password changed'
          WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`,
        [user.id, sessionId],
      );
    });
  }

  teams(): Promise<TeamModel[]> {
    const viewer = RequestContext.signedIn();
    return this.dataSource
      .getRepository(TeamEntity)
      .find({ where: { municipalityId: viewer.municipalityId }, order: { name: 'ASC' } })
      .then((teams) => teams.map((t) => TeamModel.from(t)));
  }

  async createTeam(name: string): Promise<TeamModel> {
    const admin = RequestContext.signedIn();
    const team = await this.dataSource
      .getRepository(TeamEntity)
      .save({ municipalityId: admin.municipalityId, name })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'team_municipality_name_key'))
          throw BadUserInputException.field('name', '同じ名前のチームがすでにあります');
        throw error;
      });
    return TeamModel.from(team);
  }

  async toModel(u: UserEntity, em?: EntityManager): Promise<UserModel> {
    return this.modelOf(
      u,
      u.role === UserRole.HOST ? await this.users.organizationIdsOf(u.id, em) : [],
    );
  }

  /** A staff member's name and e-mail address, as the people they work with are told them. */
  async contactOf(userId: string): Promise<{ name: string; email: string }> {
    const u = await this.users.findById(userId);
    if (!u) throw new NotFoundException('担当者', 'userId');
    return {
      name: this.cipher.decrypt(u.displayNameEncrypted, DISPLAY_NAME_FIELD),
      email: this.cipher.decrypt(u.emailEncrypted, EMAIL_FIELD),
    };
  }

  private modelOf(u: UserEntity, organizationIds: string[]): UserModel {
    return Object.assign(new UserModel(), {
      id: u.id,
      municipalityId: u.municipalityId,
      role: u.role,
      email: this.cipher.decrypt(u.emailEncrypted, EMAIL_FIELD),
      displayName: this.cipher.decrypt(u.displayNameEncrypted, DISPLAY_NAME_FIELD),
      teamId: u.teamId,
      areaIds: u.areaIds,
      organizationIds,
      status: u.status,
      locked: u.lockedUntil !== null && u.lockedUntil > new Date(),
      lockedUntil: u.lockedUntil,
      mustChangePassword: u.mustChangePassword,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
    });
  }

  /** A coordinator needs a team of the municipality; a host at least one of its organisations. */
  private async checkAssignment(
    municipalityId: string,
    role: UserRole,
    a: { teamId?: string | null; areaIds?: string[]; organizationIds?: string[] },
    em: EntityManager,
  ): Promise<void> {
    const problems: FieldError[] = [];
    if (role === UserRole.COORDINATOR) {
      if (!a.teamId)
        problems.push({ field: 'teamId', message: 'コーディネーターにはチームを指定してください' });
      else if (!(await em.getRepository(TeamEntity).findOneBy({ id: a.teamId, municipalityId })))
        problems.push({ field: 'teamId', message: '指定されたチームがこの自治体に見つかりません' });
      for (const [i, areaId] of (a.areaIds ?? []).entries()) {
        await this.areas
          .requireInMunicipality(municipalityId, areaId, em, `areaIds.${i}`)
          .catch((e: BadUserInputException) => problems.push(...e.fieldErrors));
      }
    }
    if (role === UserRole.HOST) {
      if (!a.organizationIds?.length)
        problems.push({
          field: 'organizationIds',
          message: '受け入れ先の利用者には所属団体を指定してください',
        });
      for (const [i, id] of (a.organizationIds ?? []).entries()) {
        if (!(await this.organizations.findInMunicipality(municipalityId, id, em)))
          problems.push({
            field: `organizationIds.${i}`,
            message: '指定された団体がこの自治体に見つかりません',
          });
      }
    }
    if (problems.length) throw new BadUserInputException(problems);
  }
}

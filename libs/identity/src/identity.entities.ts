import { MunicipalityEntity } from '@app/municipality';
import { OrganizationEntity } from '@app/organization';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum UserRole {
  /** Municipality staff: manages users, areas and the catalogue, reads the audit log. */
  ADMIN = 'ADMIN',
  /** Community social worker (CSW / 地域福祉コーディネーター) in a team, assigned to areas. */
  COORDINATOR = 'COORDINATOR',
  /** Member of one or more host organisations (受け入れ先). */
  HOST = 'HOST',
}

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/** A team of coordinators; candidates belong to a team and only its members see them. */
@Entity('team')
@Index('team_municipality_name_key', ['municipalityId', 'name'], { unique: true })
@Check('team_name_not_blank', `length(btrim(name)) > 0`)
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'team_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'team_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ type: 'text', collation: 'C' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A person who signs in. Their e-mail address and name are personal data: stored encrypted
 * (FieldCipher), the address also as a keyed hash so that sign-in can find it.
 */
@Entity('app_user')
@Index('app_user_email_hash_key', ['emailHash'], { unique: true })
@Index('app_user_municipality_idx', ['municipalityId', 'role'])
@Check('app_user_failed_logins', `failed_logins >= 0`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'app_user_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'app_user_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role!: UserRole;

  @Column({ name: 'email_hash', type: 'text' })
  emailHash!: string;

  @Column({ name: 'email_encrypted', type: 'text' })
  emailEncrypted!: string;

  @Column({ name: 'display_name_encrypted', type: 'text' })
  displayNameEncrypted!: string;

  /** argon2id, in the PHC string format. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'app_user_team_fk' })
  team?: TeamEntity;

  /** The areas (圏域) a coordinator is assigned to. */
  @Column({ name: 'area_ids', type: 'uuid', array: true, default: () => `'{}'` })
  areaIds!: string[];

  @Column({ type: 'enum', enum: UserStatus, enumName: 'user_status', default: UserStatus.ACTIVE })
  status!: UserStatus;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** Set when an admin resets the password: the user must choose a new one. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt!: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A host user's membership of a host organisation. */
@Entity('user_organization')
@Index('user_organization_organization_idx', ['organizationId'])
export class UserOrganizationEntity {
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'user_organization_pkey',
  })
  userId!: string;

  @PrimaryColumn({
    name: 'organization_id',
    type: 'uuid',
    primaryKeyConstraintName: 'user_organization_pkey',
  })
  organizationId!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_organization_user_fk' })
  user?: UserEntity;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'user_organization_organization_fk',
  })
  organization?: OrganizationEntity;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'municipality_id',
    foreignKeyConstraintName: 'user_organization_municipality_fk',
  })
  municipality?: MunicipalityEntity;
}

/**
 * A signed-in session: the refresh token's hash (the token itself is never stored), rotated on
 * every refresh; a refresh token of an earlier generation (a copy used after the session moved on)
 * revokes the session.
 * Access tokens name their session, so signing out stops them at the next request.
 */
@Entity('auth_session')
@Index('auth_session_user_idx', ['userId'])
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auth_session_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'auth_session_user_fk' })
  user?: UserEntity;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'auth_session_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'refresh_hash', type: 'text' })
  refreshHash!: string;

  /** How many times the session was refreshed; a refresh token names the generation it belongs to. */
  @Column({ name: 'refresh_generation', type: 'integer', default: 0 })
  refreshGeneration!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;
}

export const IDENTITY_ENTITIES = [
  TeamEntity,
  UserEntity,
  UserOrganizationEntity,
  AuthSessionEntity,
];

import { CandidateEntity } from '@app/candidate';
import { ResourceEntity } from '@app/catalog';
import { TeamEntity, UserEntity } from '@app/identity';
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

/** Where a referral (つなぎ) stands: see referral-rules.ts for who may move it where. */
export enum ReferralStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WAITLISTED = 'WAITLISTED',
  VISIT_SCHEDULED = 'VISIT_SCHEDULED',
  PARTICIPATING = 'PARTICIPATING',
  STEPPED_UP = 'STEPPED_UP',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Why a host declined. */
export enum DeclineReason {
  NO_CAPACITY = 'NO_CAPACITY',
  NOT_A_FIT = 'NOT_A_FIT',
  TIMING = 'TIMING',
  CANNOT_ACCOMMODATE = 'CANNOT_ACCOMMODATE',
  OTHER = 'OTHER',
}

/** Why taking part ended, in words that are not cold. */
export enum EndReason {
  HAS_PEOPLE_AROUND = 'HAS_PEOPLE_AROUND',
  MOVED = 'MOVED',
  CHOSE_TO_STOP = 'CHOSE_TO_STOP',
  STARTED_WORK = 'STARTED_WORK',
  OTHER = 'OTHER',
}

/**
 * A referral (つなぎ) of a candidate to a host's listing, from a draft to a first visit to taking
 * part and staying connected. While it holds a seat (`holdsSeat`), one of the listing's
 * `seats_taken` is its own. What the host was told at sending (pace, accommodations, message) is
 * kept encrypted; the person's identity is never copied here.
 */
@Entity('referral')
@Index('referral_candidate_idx', ['candidateId', 'createdAt'])
@Index('referral_resource_status_idx', ['resourceId', 'status', 'waitlistedAt'])
@Index('referral_organization_status_idx', ['organizationId', 'status'])
@Index('referral_municipality_status_idx', ['municipalityId', 'status'])
@Index('referral_open_unique_idx', ['candidateId', 'resourceId'], {
  unique: true,
  where: `status IN ('SENT', 'WAITLISTED', 'ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED')`,
})
@Check(
  'referral_seat_states',
  `NOT holds_seat OR status IN ('ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED')`,
)
@Check('referral_declined_reason', `status <> 'DECLINED' OR decline_reason IS NOT NULL`)
@Check('referral_ended_reason', `status <> 'ENDED' OR end_reason IS NOT NULL`)
@Check('referral_waitlisted_at', `status <> 'WAITLISTED' OR waitlisted_at IS NOT NULL`)
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referral_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'referral_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => CandidateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'referral_candidate_fk' })
  candidate?: CandidateEntity;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'referral_resource_fk' })
  resource?: ResourceEntity;

  /** The listing's host when the referral was made: who may see and answer it. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'referral_organization_fk' })
  organization?: OrganizationEntity;

  /** The candidate's team: whose coordinators follow it. */
  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'referral_team_fk' })
  team?: TeamEntity;

  /** The coordinator who made it: the host's contact. */
  @Column({ name: 'coordinator_id', type: 'uuid' })
  coordinatorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coordinator_id', foreignKeyConstraintName: 'referral_coordinator_fk' })
  coordinator?: UserEntity;

  @Column({
    type: 'enum',
    enum: ReferralStatus,
    enumName: 'referral_status',
    default: ReferralStatus.DRAFT,
  })
  status!: ReferralStatus;

  /** When the person could come, in words ("12月の火曜午後"). */
  @Column({ name: 'proposed_window', type: 'text', nullable: true })
  proposedWindow!: string | null;

  /**
   * What the host is told before it answers: the pace, the accommodations (配慮事項) and the
   * coordinator's message, as JSON, encrypted (FieldCipher).
   */
  @Column({ name: 'disclosure_encrypted', type: 'text', nullable: true })
  disclosureEncrypted!: string | null;

  @Column({ name: 'holds_seat', type: 'boolean', default: false })
  holdsSeat!: boolean;

  /** When it joined the waitlist: the waitlist is promoted in this order. */
  @Column({ name: 'waitlisted_at', type: 'timestamptz', nullable: true })
  waitlistedAt!: Date | null;

  /** The observation visit (見学), when one is scheduled. */
  @Column({ name: 'visit_at', type: 'timestamptz', nullable: true })
  visitAt!: Date | null;

  @Column({
    name: 'decline_reason',
    type: 'enum',
    enum: DeclineReason,
    enumName: 'referral_decline_reason',
    nullable: true,
  })
  declineReason!: DeclineReason | null;

  @Column({
    name: 'end_reason',
    type: 'enum',
    enum: EndReason,
    enumName: 'referral_end_reason',
    nullable: true,
  })
  endReason!: EndReason | null;

  /** After a step up: the referral to the next place. */
  @Column({ name: 'next_referral_id', type: 'uuid', nullable: true })
  nextReferralId!: string | null;

  @ManyToOne(() => ReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'next_referral_id', foreignKeyConstraintName: 'referral_next_fk' })
  nextReferral?: ReferralEntity;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One step of a referral's history: who moved it from where to where, when and why. */
@Entity('referral_event')
@Index('referral_event_referral_idx', ['referralId', 'at'])
export class ReferralEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referral_event_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'municipality_id',
    foreignKeyConstraintName: 'referral_event_municipality_fk',
  })
  municipality?: MunicipalityEntity;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => ReferralEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'referral_event_referral_fk' })
  referral?: ReferralEntity;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: ReferralStatus,
    enumName: 'referral_status',
    nullable: true,
  })
  fromStatus!: ReferralStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: ReferralStatus, enumName: 'referral_status' })
  toStatus!: ReferralStatus;

  /** Who did it; null when the platform did (a waitlist promotion, a consent that ended). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'referral_event_actor_fk' })
  actor?: UserEntity;

  /** The reason in words the platform wrote (a decline or end reason, a promotion, a consent). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The actor's own note, encrypted. */
  @Column({ name: 'note_encrypted', type: 'text', nullable: true })
  noteEncrypted!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}

/**
 * A request made with an idempotency key: a replay with the same input answers the first
 * result; the same key with a different input is refused.
 */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'idempotency_key_pkey',
  })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  operation!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  key!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'municipality_id',
    foreignKeyConstraintName: 'idempotency_key_municipality_fk',
  })
  municipality?: MunicipalityEntity;

  /** SHA-256 of the request's input. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** What the first request made or changed (null only inside its own transaction). */
  @Column({ name: 'result_id', type: 'uuid', nullable: true })
  resultId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { TeamEntity, UserEntity } from '@app/identity';
import { MunicipalityEntity } from '@app/municipality';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ReferralEntity } from './referral.entities';

export enum ParticipationKind {
  VISIT = 'VISIT',
  STEP_UP = 'STEP_UP',
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
}

/**
 * The participation log of a referral: a visit (how long, whether a supporter came), a step up
 * (from one length of stay to a longer one), or the person's own sense of how connected they
 * feel — their words and, if they want, a number; never a score staff give them.
 */
@Entity('participation_entry')
@Index('participation_entry_referral_idx', ['referralId', 'onDate'])
@Check(
  'participation_entry_shape',
  `(kind = 'VISIT' AND minutes BETWEEN 1 AND 1440) OR (kind = 'STEP_UP' AND from_minutes > 0 AND to_minutes > from_minutes AND to_minutes <= 1440) OR (kind = 'SELF_ASSESSMENT' AND (feeling IS NOT NULL OR note_encrypted IS NOT NULL))`,
)
@Check('participation_entry_feeling', `feeling IS NULL OR feeling BETWEEN 1 AND 5`)
export class ParticipationEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'participation_entry_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'municipality_id',
    foreignKeyConstraintName: 'participation_entry_municipality_fk',
  })
  municipality?: MunicipalityEntity;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => ReferralEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'participation_entry_referral_fk' })
  referral?: ReferralEntity;

  @Column({ type: 'enum', enum: ParticipationKind, enumName: 'participation_kind' })
  kind!: ParticipationKind;

  @Column({ name: 'on_date', type: 'date' })
  onDate!: string;

  @Column({ type: 'integer', nullable: true })
  minutes!: number | null;

  @Column({ name: 'supporter_came', type: 'boolean', nullable: true })
  supporterCame!: boolean | null;

  @Column({ name: 'from_minutes', type: 'integer', nullable: true })
  fromMinutes!: number | null;

  @Column({ name: 'to_minutes', type: 'integer', nullable: true })
  toMinutes!: number | null;

  /** The person's own answer, 1 (not connected) to 5 (connected), only if they gave one. */
  @Column({ type: 'smallint', nullable: true })
  feeling!: number | null;

  /** A short note, or the person's own words: encrypted. */
  @Column({ name: 'note_encrypted', type: 'text', nullable: true })
  noteEncrypted!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by',
    foreignKeyConstraintName: 'participation_entry_recorded_by_fk',
  })
  recorder?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export enum FollowUpKind {
  /** With the person: how is it going? */
  CHECK_IN = 'CHECK_IN',
  /** With the host: support for the place that takes the person in. */
  HOST_SUPPORT = 'HOST_SUPPORT',
}

/**
 * A follow-up (フォローアップ) so that a connection does not lapse: scheduled by hand, or
 * automatically (a week after the first visit, then monthly: the n-th is n months after the
 * first, so month ends do not drift). Done when a coordinator records it.
 */
@Entity('follow_up')
@Index('follow_up_team_due_idx', ['teamId', 'doneAt', 'dueOn'])
@Index('follow_up_referral_idx', ['referralId'])
@Index('follow_up_automatic_unique_idx', ['referralId', 'sequence'], {
  unique: true,
  where: 'anchor_on IS NOT NULL',
})
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'follow_up_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'follow_up_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => ReferralEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'follow_up_referral_fk' })
  referral?: ReferralEntity;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'follow_up_team_fk' })
  team?: TeamEntity;

  @Column({ type: 'enum', enum: FollowUpKind, enumName: 'follow_up_kind' })
  kind!: FollowUpKind;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** For automatic check-ins: the first one's date, and which one this is (0: the first). */
  @Column({ name: 'anchor_on', type: 'date', nullable: true })
  anchorOn!: string | null;

  @Column({ type: 'integer', nullable: true })
  sequence!: number | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'done_by', foreignKeyConstraintName: 'follow_up_done_by_fk' })
  doer?: UserEntity;

  @Column({ name: 'note_encrypted', type: 'text', nullable: true })
  noteEncrypted!: string | null;

  /** When the coordinator was told it is overdue (once). */
  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true })
  overdueNotifiedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

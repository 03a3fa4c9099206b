import { UserEntity } from '@app/identity';
import { MunicipalityEntity } from '@app/municipality';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export enum NotificationKind {
  REFERRAL_RECEIVED = 'REFERRAL_RECEIVED',
  REFERRAL_ANSWERED = 'REFERRAL_ANSWERED',
  WAITLIST_PROMOTED = 'WAITLIST_PROMOTED',
  FOLLOW_UP_OVERDUE = 'FOLLOW_UP_OVERDUE',
  HELP_OFFER_RECEIVED = 'HELP_OFFER_RECEIVED',
}

/**
 * Where its e-mail stands: none without SMTP; PENDING until a sender claims it (SENDING), then
 * SENT, or PENDING again to retry, or FAILED after the last attempt.
 */
export enum EmailStatus {
  NONE = 'NONE',
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * One message in a user's inbox, and its e-mail. The inbox words may name the listing; the
 * e-mail carries only its subject (what happened, and the pseudonym) and the link: the details
 * are behind it, for a signed-in user who may see them.
 */
@Entity('notification')
@Index('notification_user_idx', ['userId', 'createdAt'])
@Index('notification_email_idx', ['emailStatus', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notification_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'notification_municipality_fk' })
  municipality?: MunicipalityEntity;

  /** The recipient. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_user_fk' })
  user?: UserEntity;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind!: NotificationKind;

  /** What it is about (a referral, a follow-up), for the link. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The e-mail's subject: what happened and the pseudonym, nothing more. */
  @Column({ name: 'mail_subject', type: 'text' })
  mailSubject!: string;

  /** A path of the web app, e.g. /host/referrals/{id}. */
  @Column({ type: 'text' })
  link!: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({
    name: 'email_status',
    type: 'enum',
    enum: EmailStatus,
    enumName: 'notification_email_status',
    default: EmailStatus.NONE,
  })
  emailStatus!: EmailStatus;

  @Column({ name: 'email_attempts', type: 'integer', default: 0 })
  emailAttempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

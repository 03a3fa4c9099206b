import { MunicipalityEntity } from '@app/municipality';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditAction {
  READ = 'READ',
  LIST = 'LIST',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  ARCHIVE = 'ARCHIVE',
  SHARE = 'SHARE',
  WITHDRAW = 'WITHDRAW',
}

/**
 * Who did what to which person-level record, when and why. Append-only: the application role may
 * insert and read (its own municipality's) entries, never change or delete them; each entry's hash
 * covers its content and the previous entry's hash in the same municipality (a trigger computes
 * both), so a changed, removed or inserted entry breaks the chain.
 */
@Entity('audit_log')
@Index('audit_log_subject_idx', ['municipalityId', 'subjectId', 'occurredAt'])
@Index('audit_log_actor_idx', ['municipalityId', 'actorUserId', 'occurredAt'])
@Index('audit_log_time_idx', ['municipalityId', 'occurredAt'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'audit_log_pkey',
  })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'audit_log_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  /** Null for the system itself (a scheduled job). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'enum', enum: AuditAction, enumName: 'audit_action' })
  action!: AuditAction;

  /** What kind of record: `candidate`, `consent`, `user`. */
  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  /** The person the record is about (a candidate), for "everything done with this person's data". */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** Why: the purpose the caller gave, or the operation's own. */
  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text' })
  hash!: string;
}

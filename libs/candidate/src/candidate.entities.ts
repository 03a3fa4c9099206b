import { TeamEntity, UserEntity } from '@app/identity';
import { AreaEntity, MunicipalityEntity } from '@app/municipality';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum CandidateStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}

/**
 * A person in participation support (参加支援の対象者). Pseudonymous by default: the alias
 * ("Aさん") is what screens and hosts see; the real name, contact details and notes about their
 * circumstances are 要配慮個人情報 and stored only encrypted (FieldCipher).
 */
@Entity('candidate')
@Index('candidate_team_idx', ['municipalityId', 'teamId', 'status'])
@Check('candidate_alias_not_blank', `length(btrim(alias)) > 0`)
export class CandidateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'candidate_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'candidate_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'candidate_team_fk' })
  team?: TeamEntity;

  @Column({ name: 'coordinator_id', type: 'uuid', nullable: true })
  coordinatorId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'coordinator_id', foreignKeyConstraintName: 'candidate_coordinator_fk' })
  coordinator?: UserEntity;

  @Column({ type: 'text', collation: 'C' })
  alias!: string;

  @Column({ name: 'real_name_encrypted', type: 'text', nullable: true })
  realNameEncrypted!: string | null;

  @Column({ name: 'contact_encrypted', type: 'text', nullable: true })
  contactEncrypted!: string | null;

  @Column({ name: 'notes_encrypted', type: 'text', nullable: true })
  notesEncrypted!: string | null;

  /** The participation profile (pace, availability, travel, interests, constraints…), encrypted JSON. */
  @Column({ name: 'profile_encrypted', type: 'text', nullable: true })
  profileEncrypted!: string | null;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'candidate_area_fk' })
  area?: AreaEntity;

  @Column({
    type: 'enum',
    enum: CandidateStatus,
    enumName: 'candidate_status',
    default: CandidateStatus.ACTIVE,
  })
  status!: CandidateStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** How consent was given. */
export enum ConsentMethod {
  ORAL = 'ORAL',
  WRITTEN = 'WRITTEN',
  ELECTRONIC = 'ELECTRONIC',
}

/**
 * 本人同意 as data: what may be shared with whom (scopes such as `HOST:PROFILE`), how and when it
 * was given, who recorded it, until when, and its withdrawal. Sharing services ask
 * ConsentService before every share; a withdrawal counts from the next request.
 */
@Entity('consent')
@Index('consent_candidate_idx', ['candidateId', 'givenAt'])
@Check('consent_scopes_not_empty', `cardinality(scopes) > 0`)
@Check('consent_expiry_after_given', `expires_at IS NULL OR expires_at > given_at`)
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'consent_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'consent_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => CandidateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'consent_candidate_fk' })
  candidate?: CandidateEntity;

  /** `RECIPIENT:DATA` pairs, e.g. `HOST:PROFILE`, `HOST:NAME`, `SUPPORT_MEETING:CONTACT`. */
  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'enum', enum: ConsentMethod, enumName: 'consent_method' })
  method!: ConsentMethod;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'consent_recorded_by_fk' })
  recorder?: UserEntity;

  @Column({ name: 'note_encrypted', type: 'text', nullable: true })
  noteEncrypted!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by', foreignKeyConstraintName: 'consent_withdrawn_by_fk' })
  withdrawer?: UserEntity;

  @Column({ name: 'withdrawal_note_encrypted', type: 'text', nullable: true })
  withdrawalNoteEncrypted!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const CANDIDATE_ENTITIES = [CandidateEntity, ConsentEntity];

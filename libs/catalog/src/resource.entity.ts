import { AreaEntity, MunicipalityEntity } from '@app/municipality';
import { OrganizationEntity } from '@app/organization';
import type { Point } from 'geojson';
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
import {
  BookingRequirement,
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ResourceStatus,
  ToConfirm,
  Visibility,
} from './catalog.enums';

/**
 * A place or activity a person can be connected to. Field meanings follow HSDS `service`
 * (+ `location`, `schedule`); the participation profile is what pace matching reads.
 */
@Entity('resource')
@Index('resource_municipality_name_idx', ['municipalityId', 'name', 'id'])
@Index('resource_municipality_filter_idx', ['municipalityId', 'kind', 'status', 'visibility'])
@Index('resource_organization_idx', ['organizationId'])
@Index('resource_area_idx', ['areaId'])
@Index('resource_changed_idx', ['municipalityId', 'changedIn'])
@Check('resource_name_not_blank', `length(btrim(name)) > 0`)
@Check('resource_capacity', `capacity IS NULL OR (capacity >= 0 AND seats_taken <= capacity)`)
@Check('resource_seats_taken', `seats_taken >= 0`)
@Check('resource_ages', `min_age IS NULL OR max_age IS NULL OR min_age <= max_age`)
@Check(
  'resource_minutes',
  `minimum_minutes IS NULL OR typical_minutes IS NULL OR minimum_minutes <= typical_minutes`,
)
@Check('resource_fee', `fee_yen >= 0`)
@Check('resource_online_only_has_no_point', `NOT online_only OR location IS NULL`)
export class ResourceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'resource_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'resource_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'resource_organization_fk' })
  organization?: OrganizationEntity;

  @Column({ type: 'enum', enum: ResourceKind, enumName: 'resource_kind' })
  kind!: ResourceKind;

  /** Sorted by code point (COLLATE "C"): the same order on every PostgreSQL, embedded or not. */
  @Column({ type: 'text', collation: 'C' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Kind-specific details (validated per kind by the service). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({
    type: 'enum',
    enum: ResourceStatus,
    enumName: 'resource_status',
    default: ResourceStatus.ACTIVE,
  })
  status!: ResourceStatus;

  @Column({ name: 'status_note', type: 'text', nullable: true })
  statusNote!: string | null;

  /** When a person last confirmed the listing is accurate (not merely when a row changed). */
  @Column({ name: 'last_verified_at', type: 'timestamptz', nullable: true })
  lastVerifiedAt!: Date | null;

  @Column({ name: 'verified_by', type: 'text', nullable: true })
  verifiedBy!: string | null;

  @Index('resource_location_gist', { spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location!: Point | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'resource_area_fk' })
  area?: AreaEntity;

  /** The public never sees the exact point, only the area (e.g. a DV-related program). */
  @Column({ name: 'confidential_location', type: 'boolean', default: false })
  confidentialLocation!: boolean;

  @Column({ name: 'online_only', type: 'boolean', default: false })
  onlineOnly!: boolean;

  /** 定員; null when there is no fixed limit. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ name: 'seats_taken', type: 'integer', default: 0 })
  seatsTaken!: number;

  @Column({ name: 'has_waitlist', type: 'boolean', default: false })
  hasWaitlist!: boolean;

  @Column({
    type: 'enum',
    enum: BookingRequirement,
    enumName: 'booking_requirement',
    default: BookingRequirement.NONE,
  })
  booking!: BookingRequirement;

  // Participation profile: what the resource asks of a person.
  @Column({ name: 'typical_minutes', type: 'integer', nullable: true })
  typicalMinutes!: number | null;

  @Column({ name: 'minimum_minutes', type: 'integer', nullable: true })
  minimumMinutes!: number | null;

  @Column({ name: 'can_grow_gradually', type: 'boolean', default: false })
  canGrowGradually!: boolean;

  /** ただいるだけ可. */
  @Column({ name: 'may_just_be_there', type: 'boolean', default: false })
  mayJustBeThere!: boolean;

  @Column({ name: 'talking_optional', type: 'boolean', default: false })
  talkingOptional!: boolean;

  /** 見学可. */
  @Column({ name: 'observation_visit', type: 'boolean', default: false })
  observationVisit!: boolean;

  /** 同行可. */
  @Column({ name: 'supporter_may_accompany', type: 'boolean', default: false })
  supporterMayAccompany!: boolean;

  @Column({
    name: 'group_size',
    type: 'enum',
    enum: GroupSize,
    enumName: 'group_size',
    nullable: true,
  })
  groupSize!: GroupSize | null;

  @Column({
    name: 'physical_demand',
    type: 'enum',
    enum: PhysicalDemand,
    enumName: 'physical_demand',
    nullable: true,
  })
  physicalDemand!: PhysicalDemand | null;

  @Column({ name: 'online_participation', type: 'boolean', default: false })
  onlineParticipation!: boolean;

  @Column({ name: 'first_timer_friendly', type: 'boolean', default: false })
  firstTimerFriendly!: boolean;

  // Eligibility and cost.
  @Column({ name: 'min_age', type: 'integer', nullable: true })
  minAge!: number | null;

  @Column({ name: 'max_age', type: 'integer', nullable: true })
  maxAge!: number | null;

  @Column({ type: 'enum', enum: Residency, enumName: 'residency', default: Residency.ANYONE })
  residency!: Residency;

  @Column({ name: 'target_groups', type: 'text', array: true, default: () => `'{}'` })
  targetGroups!: string[];

  /** Target groups that would label people: never shown to the public. */
  @Column({ name: 'target_groups_sensitive', type: 'boolean', default: false })
  targetGroupsSensitive!: boolean;

  /** 0 means free of charge. */
  @Column({ name: 'fee_yen', type: 'integer', default: 0 })
  feeYen!: number;

  @Column({ name: 'fee_note', type: 'text', nullable: true })
  feeNote!: string | null;

  /** Free tags besides the controlled themes. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags!: string[];

  @Column({ type: 'enum', enum: Visibility, enumName: 'visibility', default: Visibility.PUBLIC })
  visibility!: Visibility;

  /** The schedule as an imported list wrote it (毎週火曜 10時〜), kept until the host edits the rules. */
  @Column({ name: 'schedule_text', type: 'text', nullable: true })
  scheduleText!: string | null;

  /** What the host is asked to confirm after an import (a pin on the map, assumed times). */
  @Column({ name: 'to_confirm', type: 'text', array: true, default: () => `'{}'` })
  toConfirm!: ToConfirm[];

  /*
   * Kept by database triggers for matching (migration MatchingAtScale), never written or read
   * by the application through this entity: the theme codes, every minute of the week an
   * occurrence can fall on, the days from its first possible occurrence to its last, and the listing's words (tags, tasks, description, the host's open
   * needs) folded for matching strengths.
   */
  @Column({
    name: 'theme_codes',
    type: 'text',
    array: true,
    default: () => `'{}'`,
    select: false,
    insert: false,
    update: false,
  })
  themeCodes?: string[];

  @Column({
    name: 'week_minutes',
    type: 'int4multirange',
    default: () => `'{}'`,
    select: false,
    insert: false,
    update: false,
  })
  weekMinutes?: string;

  @Column({
    name: 'active_days',
    type: 'daterange',
    default: () => `'empty'`,
    select: false,
    insert: false,
    update: false,
  })
  activeDays?: string;

  @Column({
    name: 'needs_folded',
    type: 'text',
    default: '',
    select: false,
    insert: false,
    update: false,
  })
  needsFolded?: string;

  /** The last transaction that wrote the row (migration ListingIndex), kept by a trigger. */
  @Column({
    name: 'changed_in',
    type: 'bigint',
    default: 0,
    select: false,
    insert: false,
    update: false,
  })
  changedIn?: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

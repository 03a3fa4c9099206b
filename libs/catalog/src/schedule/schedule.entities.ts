import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ScheduleFrequency } from '../catalog.enums';
import { ResourceEntity } from '../resource.entity';

/**
 * A recurring rule (HSDS `schedule`): weekly on some weekdays, or monthly on the nth weekdays
 * (1–5, or -1 for the last), every `interval` weeks or months from `valid_from`, between
 * `opens_at` and `closes_at` Japan time. Occurrences are computed in SQL (schedule_occurs_on).
 */
@Entity('resource_schedule')
@Index('resource_schedule_resource_idx', ['resourceId'])
@Check('resource_schedule_interval', `"interval" BETWEEN 1 AND 52`)
@Check('resource_schedule_hours', `closes_at > opens_at`)
@Check('resource_schedule_validity', `valid_to IS NULL OR valid_to >= valid_from`)
@Check(
  'resource_schedule_weekdays',
  `cardinality(weekdays) > 0 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]`,
)
@Check(
  'resource_schedule_nth',
  `(freq = 'WEEKLY' AND nth IS NULL) OR (freq = 'MONTHLY' AND cardinality(nth) > 0 AND nth <@ ARRAY[-1,1,2,3,4,5]::smallint[])`,
)
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'resource_schedule_pkey' })
  id!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'resource_schedule_resource_fk' })
  resource?: ResourceEntity;

  @Column({ type: 'enum', enum: ScheduleFrequency, enumName: 'schedule_frequency' })
  freq!: ScheduleFrequency;

  @Column({ type: 'smallint', default: 1 })
  interval!: number;

  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  @Column({ type: 'smallint', array: true })
  weekdays!: number[];

  /** For monthly rules: which weeks of the month (1–5, -1 = last). */
  @Column({ type: 'smallint', array: true, nullable: true })
  nth!: number[] | null;

  @Column({ name: 'opens_at', type: 'time' })
  opensAt!: string;

  @Column({ name: 'closes_at', type: 'time' })
  closesAt!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'closed_on_holidays', type: 'boolean', default: true })
  closedOnHolidays!: boolean;

  /** The schedule as people wrote it (e.g. 「毎月第2土曜 午前」). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

/** A one-off session (e.g. a course day, a seasonal harvest). */
@Entity('resource_session')
@Index('resource_session_resource_date_idx', ['resourceId', 'date'])
@Check('resource_session_hours', `closes_at > opens_at`)
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'resource_session_pkey' })
  id!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'resource_session_resource_fk' })
  resource?: ResourceEntity;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'opens_at', type: 'time' })
  opensAt!: string;

  @Column({ name: 'closes_at', type: 'time' })
  closesAt!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

/** Days a resource is closed (年末年始, a summer break, a one-day cancellation). */
@Entity('resource_closure')
@Index('resource_closure_resource_idx', ['resourceId', 'startsOn'])
@Check('resource_closure_range', `ends_on >= starts_on`)
export class ClosureEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'resource_closure_pkey' })
  id!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'resource_closure_resource_fk' })
  resource?: ResourceEntity;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}

/** Japanese public holidays, 振替休日 and 国民の休日 included; kept in sync from a maintained list. */
@Entity('holiday')
export class HolidayEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'holiday_pkey' })
  date!: string;

  @Column({ type: 'text' })
  name!: string;
}

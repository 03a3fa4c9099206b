import { ResourceEntity, ResourceKind } from '@app/catalog';
import { AreaEntity, MunicipalityEntity } from '@app/municipality';
import type { Point } from 'geojson';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * The built-in engine's index: one row a resource, kept in the same transaction as the write.
 * `document` holds the index terms (see text/tokens.ts) weighted A (name) to D (description).
 */
@Entity('resource_search')
export class ResourceSearchEntity {
  @PrimaryColumn({
    name: 'resource_id',
    type: 'uuid',
    primaryKeyConstraintName: 'resource_search_pkey',
  })
  resourceId!: string;

  @OneToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'resource_search_resource_fk' })
  resource?: ResourceEntity;

  @Index('resource_search_document_gin', { synchronize: false })
  @Column({ type: 'tsvector' })
  document!: string;

  /** The name folded (text/normalize.ts): a whole-query match in it ranks first. */
  @Column({ name: 'name_folded', type: 'text', collation: 'C' })
  nameFolded!: string;

  /** The point everyone may know (a confidential place's area point), for public radius search. */
  @Index('resource_search_public_point_gist', { spatial: true })
  @Column({
    name: 'public_point',
    type: 'geography',
    spatialFeatureType: 'Point',
    srid: 4326,
    nullable: true,
  })
  publicPoint!: Point | null;

  /** The resource's kind, so that a kind filter narrows the candidates inside the index. */
  @Index('resource_search_kind_idx')
  @Column({ type: 'enum', enum: ResourceKind, enumName: 'resource_kind' })
  kind!: ResourceKind;

  @Column({ name: 'refreshed_at', type: 'timestamptz', default: () => 'now()' })
  refreshedAt!: Date;
}

/** Words seen in listings, folded, with their character pairs: where typo tolerance looks. */
@Entity('search_vocabulary')
export class SearchVocabularyEntity {
  @PrimaryColumn({
    type: 'text',
    collation: 'C',
    primaryKeyConstraintName: 'search_vocabulary_pkey',
  })
  word!: string;

  @Index('search_vocabulary_grams_gin', { synchronize: false })
  @Column({ type: 'text', array: true })
  grams!: string[];
}

export enum OutboxStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  DEAD = 'DEAD',
}

/**
 * Changes waiting to reach an external engine, written in the catalogue write's transaction and
 * applied by the relay with retries; DEAD after too many failures (re-run by a reindex).
 */
@Entity('search_outbox')
@Index('search_outbox_due_idx', ['nextAttemptAt', 'id'], { where: `status = 'PENDING'` })
export class SearchOutboxEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'search_outbox_pkey',
  })
  id!: string;

  @Column({ type: 'text' })
  engine!: string;

  /** No foreign key: a deleted resource's removal must still be relayed. */
  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @Column({
    type: 'enum',
    enum: OutboxStatus,
    enumName: 'search_outbox_status',
    default: OutboxStatus.PENDING,
  })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}

/** A search that found nothing: what was asked, where, with which filters — never who asked. */
@Entity('search_miss')
@Index('search_miss_municipality_idx', ['municipalityId', 'searchedAt'])
export class SearchMissEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'search_miss_pkey',
  })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'search_miss_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ type: 'text' })
  query!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  filters!: Record<string, unknown>;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'search_miss_area_fk' })
  area?: AreaEntity;

  @CreateDateColumn({ name: 'searched_at', type: 'timestamptz' })
  searchedAt!: Date;
}

export const SEARCH_ENTITIES = [
  ResourceSearchEntity,
  SearchVocabularyEntity,
  SearchOutboxEntity,
  SearchMissEntity,
];

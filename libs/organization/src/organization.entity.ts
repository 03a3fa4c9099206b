import { AreaEntity, MunicipalityEntity } from '@app/municipality';
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
import { OrganizationType } from './organization-type';

/** A host organisation (受け入れ先) of one municipality. Field meanings follow HSDS `organization`. */
@Entity('organization')
@Index('organization_municipality_name_idx', ['municipalityId', 'name', 'id'])
@Index('organization_area_idx', ['areaId'])
@Check('organization_name_not_blank', `length(btrim(name)) > 0`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organization_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'organization_municipality_fk' })
  municipality?: MunicipalityEntity;

  /** Sorted by code point (COLLATE "C"): the same order on every PostgreSQL, embedded or not. */
  @Column({ type: 'text', collation: 'C' })
  name!: string;

  /** Reading of the name in kana (フリガナ), for sorting and search. */
  @Column({ name: 'name_kana', type: 'text', nullable: true })
  nameKana!: string | null;

  @Column({ type: 'enum', enum: OrganizationType, enumName: 'organization_type' })
  type!: OrganizationType;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  /** The organisation's contact person (担当者) as published by the organisation. */
  @Column({ name: 'contact_person', type: 'text', nullable: true })
  contactPerson!: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Index('organization_location_gist', { spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location!: Point | null;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'organization_area_fk' })
  area?: AreaEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

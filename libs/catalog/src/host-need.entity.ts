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
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { HostNeedKind } from './catalog.enums';
import { ResourceEntity } from './resource.entity';

/** Something a host organisation needs — people, things, a place or money — for itself or one resource. */
@Entity('host_need')
@Index('host_need_organization_idx', ['organizationId'])
@Index('host_need_resource_idx', ['resourceId'])
@Check('host_need_description_not_blank', `length(btrim(description)) > 0`)
export class HostNeedEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'host_need_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'host_need_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'host_need_organization_fk' })
  organization?: OrganizationEntity;

  @Column({ name: 'resource_id', type: 'uuid', nullable: true })
  resourceId!: string | null;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'host_need_resource_fk' })
  resource?: ResourceEntity;

  @Column({ type: 'enum', enum: HostNeedKind, enumName: 'host_need_kind' })
  kind!: HostNeedKind;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'is_open', type: 'boolean', default: true })
  isOpen!: boolean;

  /** Millisecond precision, exactly what a JavaScript Date holds: lists sort and page by it. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { ResourceEntity } from '@app/catalog';
import { MunicipalityEntity } from '@app/municipality';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A listing that came from an imported file: the key that finds it again on the next import
 * (the file's own id, else its name and address), what the file said and what the import left,
 * so that a field a host has edited since is told apart from one the file changes.
 */
@Entity('import_link')
@Index('import_link_key_key', ['municipalityId', 'externalKey'], { unique: true })
@Index('import_link_resource_key', ['resourceId'], { unique: true })
export class ImportLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'import_link_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'import_link_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'import_link_resource_fk' })
  resource?: ResourceEntity;

  /** `id:<the file's id>` or `na:<name>|<address>`, normalised. */
  @Column({ name: 'external_key', type: 'text' })
  externalKey!: string;

  /** The file's own id, written back by the export. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  /** The file's cells (by column header), as the last import that changed each one read them. */
  @Column({ name: 'file_cells', type: 'jsonb' })
  fileCells!: Record<string, string>;

  /**
   * The listing's cells as the last import left it; a person's edit since shows as a difference.
   * A field someone edited and the import kept stays at its value before, so it stays an edit.
   */
  @Column({ name: 'stored_cells', type: 'jsonb' })
  storedCells!: Record<string, string>;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}

/** A saved column mapping: a file's headers → our columns, reused for the next file like it. */
@Entity('import_mapping')
@Index('import_mapping_name_key', ['municipalityId', 'name'], { unique: true })
export class ImportMappingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'import_mapping_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'municipality_id',
    foreignKeyConstraintName: 'import_mapping_municipality_fk',
  })
  municipality?: MunicipalityEntity;

  @Column({ type: 'text' })
  name!: string;

  /** The file's header → our column key; a header mapped to null is ignored. */
  @Column({ type: 'jsonb' })
  columns!: Record<string, string | null>;

  @Column({ name: 'default_kind', type: 'text', nullable: true })
  defaultKind!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

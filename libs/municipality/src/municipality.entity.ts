import {
  Check,
  Column,
  Index,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A municipality (市区町村): the tenant every other row belongs to. */
@Entity('municipality')
@Check('municipality_code_format', `code ~ '^[0-9]{6}$'`)
@Check('municipality_name_not_blank', `length(btrim(name)) > 0`)
export class MunicipalityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'municipality_pkey' })
  id!: string;

  /** 全国地方公共団体コード (6 digits). */
  @Index('municipality_code_key', { unique: true })
  @Column({ type: 'varchar', length: 6 })
  code!: string;

  /** Sorted by code point (COLLATE "C"): the same order on every PostgreSQL, embedded or not. */
  @Column({ type: 'text', collation: 'C' })
  name!: string;

  @Column({ type: 'text' })
  prefecture!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

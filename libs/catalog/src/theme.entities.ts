import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ResourceEntity } from './resource.entity';

/** The controlled taxonomy of themes (農作業, 料理, コーヒー, …). */
@Entity('theme')
export class ThemeEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'theme_pkey' })
  code!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder!: number;
}

@Entity('resource_theme')
@Index('resource_theme_theme_idx', ['themeCode'])
export class ResourceThemeEntity {
  @PrimaryColumn({
    name: 'resource_id',
    type: 'uuid',
    primaryKeyConstraintName: 'resource_theme_pkey',
  })
  resourceId!: string;

  @PrimaryColumn({
    name: 'theme_code',
    type: 'text',
    primaryKeyConstraintName: 'resource_theme_pkey',
  })
  themeCode!: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'resource_theme_resource_fk' })
  resource?: ResourceEntity;

  @ManyToOne(() => ThemeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'theme_code', foreignKeyConstraintName: 'resource_theme_theme_fk' })
  theme?: ThemeEntity;
}

import type { MultiPolygon, Point } from 'geojson';
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
import { AreaLevel } from './area-level';
import { MunicipalityEntity } from './municipality.entity';

/** An area (圏域) of a municipality, nested municipality → daily-life area → district. */
@Entity('area')
@Index('area_municipality_level_name_idx', ['municipalityId', 'level', 'name', 'id'])
@Index('area_parent_idx', ['parentId'])
@Check('area_name_not_blank', `length(btrim(name)) > 0`)
@Check('area_parent_level', `(level = 'MUNICIPALITY') = (parent_id IS NULL)`)
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'area_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'area_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'area_parent_fk' })
  parent?: AreaEntity;

  @Column({ type: 'enum', enum: AreaLevel, enumName: 'area_level' })
  level!: AreaLevel;

  /** Sorted by code point (COLLATE "C"): the same order on every PostgreSQL, embedded or not. */
  @Column({ type: 'text', collation: 'C' })
  name!: string;

  /** The municipality's own code for the area, if it has one. */
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Index('area_boundary_gist', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  boundary!: MultiPolygon;

  /** A point inside the boundary (ST_PointOnSurface), kept by a trigger: where an area is drawn as a pin. */
  @Column({
    name: 'label_point',
    type: 'geometry',
    spatialFeatureType: 'Point',
    srid: 4326,
    insert: false,
    update: false,
  })
  labelPoint!: Point;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

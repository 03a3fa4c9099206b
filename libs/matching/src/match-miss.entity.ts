import { AreaEntity, MunicipalityEntity } from '@app/municipality';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A match that found no place for a person: where they live (the area), their pace and the days
 * they could go — never who. Unmet demand by area × pace × weekday, for "build what is missing".
 */
@Entity('match_miss')
@Index('match_miss_municipality_idx', ['municipalityId', 'missedAt'])
export class MatchMissEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'match_miss_pkey',
  })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'match_miss_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'match_miss_area_fk' })
  area?: AreaEntity;

  @Column({ name: 'pace_stage', type: 'text' })
  paceStage!: string;

  /** ISO weekdays (1 = Monday) the person could go. */
  @Column({ type: 'smallint', array: true, default: () => `'{}'` })
  weekdays!: number[];

  @CreateDateColumn({ name: 'missed_at', type: 'timestamptz' })
  missedAt!: Date;
}

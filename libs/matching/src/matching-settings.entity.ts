import { MunicipalityEntity } from '@app/municipality';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Weights } from './match-rules';

/** A municipality's own weights for the matching score (the defaults apply until it sets them). */
@Entity('matching_settings')
export class MatchingSettingsEntity {
  @PrimaryColumn({
    name: 'municipality_id',
    type: 'uuid',
    primaryKeyConstraintName: 'matching_settings_pkey',
  })
  municipalityId!: string;

  @OneToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'municipality_id',
    foreignKeyConstraintName: 'matching_settings_municipality_fk',
  })
  municipality?: MunicipalityEntity;

  @Column({ type: 'jsonb' })
  weights!: Weights;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

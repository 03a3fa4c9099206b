import { HostNeedEntity } from '@app/catalog';
import { MunicipalityEntity } from '@app/municipality';
import { OrganizationEntity } from '@app/organization';
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

/** Where an offer stands with its host. ACCEPTED, DECLINED and EXPIRED end it: its contact is erased. */
export enum HelpOfferStatus {
  NEW = 'NEW',
  CONTACTED = 'CONTACTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** Left unanswered past the retention period: ended by the platform, contact erased. */
  EXPIRED = 'EXPIRED',
}

export const CLOSED_OFFER_STATES: readonly HelpOfferStatus[] = [
  HelpOfferStatus.ACCEPTED,
  HelpOfferStatus.DECLINED,
  HelpOfferStatus.EXPIRED,
];

/** The encrypted fields of an offer, each with the name its ciphertext is bound to. */
export const HELP_OFFER_FIELDS = {
  name: 'help_offer.name',
  contact: 'help_offer.contact',
  message: 'help_offer.message',
} as const;

/**
 * A resident's offer to help (担い手) with what a host organisation needs. Who they are and how to
 * reach them are encrypted, readable only by the host and the municipality's staff, and erased
 * once the host has answered.
 */
@Entity('help_offer')
@Index('help_offer_organization_idx', ['organizationId', 'createdAt'])
@Index('help_offer_need_idx', ['needId'])
export class HelpOfferEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'help_offer_pkey' })
  id!: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id', foreignKeyConstraintName: 'help_offer_municipality_fk' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'help_offer_organization_fk' })
  organization?: OrganizationEntity;

  @Column({ name: 'need_id', type: 'uuid' })
  needId!: string;

  @ManyToOne(() => HostNeedEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id', foreignKeyConstraintName: 'help_offer_need_fk' })
  need?: HostNeedEntity;

  @Column({
    type: 'enum',
    enum: HelpOfferStatus,
    enumName: 'help_offer_status',
    default: HelpOfferStatus.NEW,
  })
  status!: HelpOfferStatus;

  /** Null once erased. */
  @Column({ name: 'name_encrypted', type: 'text', nullable: true })
  nameEncrypted!: string | null;

  /** JSON {email, phone}, encrypted; null once erased. */
  @Column({ name: 'contact_encrypted', type: 'text', nullable: true })
  contactEncrypted!: string | null;

  @Column({ name: 'message_encrypted', type: 'text', nullable: true })
  messageEncrypted!: string | null;

  /** Millisecond precision: lists sort and page by it. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { AuditAction, AuditService } from '@app/audit';
import { CandidateService, ConsentData, ConsentRecipient, ConsentService } from '@app/candidate';
import { ResourceRepository } from '@app/catalog';
import { FieldCipher } from '@app/common';
import { UserService } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { IncomingReferralModel, ReferralEventModel, ReferralModel } from './models/referral.models';
import { ReferralEntity, ReferralEventEntity, ReferralStatus as S } from './referral.entities';
import { SEAT_STATES, STATUS_LABELS } from './referral-rules';
import { ReferralRepository } from './referral.repository';

/** The encrypted fields of referrals, each with the name its ciphertext is bound to. */
export const REFERRAL_FIELDS = {
  disclosure: 'referral.disclosure',
  note: 'referral_event.note',
} as const;

/** What the host is told before it answers (encrypted in the referral). */
export interface Disclosure {
  pace: string | null;
  accommodations: string[];
  message: string | null;
}

/**
 * A referral as its coordinators see it, and as its host sees it (progressive disclosure). The
 * caller has checked that the viewer may see it.
 */
@Injectable()
export class ReferralViews {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly candidates: CandidateService,
    private readonly consent: ConsentService,
    private readonly resources: ResourceRepository,
    private readonly users: UserService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  async coordinatorModels(found: ReferralEntity[]): Promise<ReferralModel[]> {
    const ids = found.map((r) => r.id);
    const [names, positions, history] = await Promise.all([
      this.resourceNames(found),
      this.referrals.waitlistPositions(ids),
      this.referrals.historyOf(ids),
    ]);
    const aliases = new Map<string, string>();
    for (const r of found)
      if (!aliases.has(r.candidateId))
        aliases.set(
          r.candidateId,
          (await this.candidates.forReferral(r.candidateId, { name: false, contact: false }))
            .candidate.alias,
        );
    return found.map((r) =>
      Object.assign(new ReferralModel(), {
        ...this.common(r, names, positions),
        alias: aliases.get(r.candidateId)!,
        candidateId: r.candidateId,
        organizationId: r.organizationId,
        holdsSeat: r.holdsSeat,
        endReason: r.endReason,
        nextReferralId: r.nextReferralId,
        createdAt: r.createdAt,
        history: history.filter((e) => e.referralId === r.id).map((e) => this.event(e, true)),
      }),
    );
  }

  /**
   * What the host sees: the pseudonym, pace, accommodations, time window and the coordinator's
   * contact; once the referral holds a seat, the name and contact details the person agreed to
   * share with hosts. Each view is a read of the person's data, in the audit log.
   */
  async hostModel(r: ReferralEntity): Promise<IncomingReferralModel> {
    const accepted = SEAT_STATES.includes(r.status);
    const identity = {
      name:
        accepted &&
        (await this.consent.allows(r.candidateId, ConsentRecipient.HOST, ConsentData.NAME)),
      contact:
        accepted &&
        (await this.consent.allows(r.candidateId, ConsentRecipient.HOST, ConsentData.CONTACT)),
    };
    const [person, names, positions, history, coordinator] = await Promise.all([
      this.candidates.forReferral(r.candidateId, identity),
      this.resourceNames([r]),
      this.referrals.waitlistPositions([r.id]),
      this.referrals.historyOf([r.id]),
      this.users.contactOf(r.coordinatorId),
    ]);
    await this.audit.record({
      action: AuditAction.READ,
      entityType: 'referral',
      entityId: r.id,
      subjectId: r.candidateId,
      purpose:
        identity.name || identity.contact
          ? '紹介の確認（受け入れ先、氏名・連絡先を含む）'
          : '紹介の確認（受け入れ先）',
    });
    return Object.assign(new IncomingReferralModel(), {
      ...this.common(r, names, positions),
      alias: person.candidate.alias,
      coordinator,
      realName: person.realName,
      contact: person.contact,
      history: history.filter((e) => e.toStatus !== S.DRAFT).map((e) => this.event(e, false)),
    });
  }

  private common(r: ReferralEntity, names: Map<string, string>, positions: Map<string, number>) {
    const disclosure = this.disclosureOf(r);
    return {
      id: r.id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      resourceId: r.resourceId,
      resourceName: names.get(r.resourceId) ?? '',
      pace: disclosure.pace,
      accommodations: disclosure.accommodations,
      proposedWindow: r.proposedWindow,
      message: disclosure.message,
      waitlistPosition: positions.get(r.id) ?? null,
      visitAt: r.visitAt,
      declineReason: r.declineReason,
      sentAt: r.sentAt,
      updatedAt: r.updatedAt,
    };
  }

  private event(e: ReferralEventEntity, withNote: boolean): ReferralEventModel {
    return {
      from: e.fromStatus,
      to: e.toStatus,
      label: STATUS_LABELS[e.toStatus],
      at: e.at,
      actorId: e.actorId,
      reason: e.reason,
      note: withNote ? this.cipher.decryptOptional(e.noteEncrypted, REFERRAL_FIELDS.note) : null,
    };
  }

  private async resourceNames(found: ReferralEntity[]): Promise<Map<string, string>> {
    const rows = await this.resources.findByIds([...new Set(found.map((r) => r.resourceId))]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** What the host is told before it answers, encrypted for the referral. */
  seal(d: Disclosure): string {
    return this.cipher.encrypt(JSON.stringify(d), REFERRAL_FIELDS.disclosure);
  }

  private disclosureOf(r: ReferralEntity): Disclosure {
    const json = this.cipher.decryptOptional(r.disclosureEncrypted, REFERRAL_FIELDS.disclosure);
    return json
      ? (JSON.parse(json) as Disclosure)
      : { pace: null, accommodations: [], message: null };
  }
}

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
    const people = await this.candidates.sharedOf(
      found.map((r) => r.candidateId),
      () => ({ name: false, contact: false }),
    );
    return found.map((r) =>
      Object.assign(new ReferralModel(), {
        ...this.common(r, names, positions),
        alias: people.get(r.candidateId)!.alias,
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
   * share with hosts. Each view is a read of the person's data, in the audit log. A few
   * statements however many referrals.
   */
  async hostModels(found: ReferralEntity[]): Promise<IncomingReferralModel[]> {
    const ids = found.map((r) => r.id);
    const seated = found.filter((r) => SEAT_STATES.includes(r.status));
    const seatedPeople = [...new Set(seated.map((r) => r.candidateId))];
    const [named, reachable] = await Promise.all([
      this.consent.allowingAmong(seatedPeople, ConsentRecipient.HOST, ConsentData.NAME),
      this.consent.allowingAmong(seatedPeople, ConsentRecipient.HOST, ConsentData.CONTACT),
    ]);
    const identity = (r: ReferralEntity) => {
      const seat = SEAT_STATES.includes(r.status);
      return {
        name: seat && named.has(r.candidateId),
        contact: seat && reachable.has(r.candidateId),
      };
    };
    const coordinators = [...new Set(found.map((r) => r.coordinatorId))];
    const [people, names, positions, history, contacts] = await Promise.all([
      this.candidates.sharedOf(
        found.map((r) => r.candidateId),
        (id) => ({ name: named.has(id), contact: reachable.has(id) }),
      ),
      this.resourceNames(found),
      this.referrals.waitlistPositions(ids),
      this.referrals.historyOf(ids),
      Promise.all(coordinators.map((id) => this.users.contactOf(id))),
    ]);
    const contactOf = new Map(coordinators.map((id, i) => [id, contacts[i]]));
    await this.audit.record(
      found.map((r) => ({
        action: AuditAction.READ,
        entityType: 'referral',
        entityId: r.id,
        subjectId: r.candidateId,
        purpose:
          identity(r).name || identity(r).contact
            ? '紹介の確認（受け入れ先、氏名・連絡先を含む）'
            : '紹介の確認（受け入れ先）',
      })),
    );
    return found.map((r) => {
      const person = people.get(r.candidateId)!;
      const shown = identity(r);
      return Object.assign(new IncomingReferralModel(), {
        ...this.common(r, names, positions),
        alias: person.alias,
        coordinator: contactOf.get(r.coordinatorId)!,
        realName: shown.name ? person.realName : null,
        contact: shown.contact ? person.contact : null,
        history: history
          .filter((e) => e.referralId === r.id && e.toStatus !== S.DRAFT)
          .map((e) => this.event(e, false)),
      });
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

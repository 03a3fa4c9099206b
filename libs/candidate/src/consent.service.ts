import { AuditAction, AuditService } from '@app/audit';
import { BadUserInputException, FieldCipher, NotFoundException, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentEntity } from './candidate.entities';
import { CandidateRepository } from './candidate.repository';
import { CandidateService } from './candidate.service';
import { ConsentHooks } from './consent-hooks';
import { ConsentData, ConsentRecipient, parseScope, scopeKey } from './consent-scope';
import { RecordConsentInput } from './dto/candidate.input';
import { ConsentModel } from './models/candidate.models';

/** The encrypted fields of a consent, each with the name its ciphertext is bound to. */
export const CONSENT_FIELDS = {
  note: 'consent.note',
  withdrawalNote: 'consent.withdrawal_note',
} as const;
const NOTE = CONSENT_FIELDS.note;
const WITHDRAWAL_NOTE = CONSENT_FIELDS.withdrawalNote;

/**
 * 本人同意 as data. `allows` is what other modules call before they share anything about a person;
 * it reads the database every time, so a withdrawal takes effect from the next request.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly candidateService: CandidateService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly hooks: ConsentHooks,
  ) {}

  /** Whether the person has agreed, now, to `data` being shared with `recipient`. */
  allows(
    candidateId: string,
    recipient: ConsentRecipient,
    data: ConsentData,
    em?: EntityManager,
  ): Promise<boolean> {
    return this.candidates.hasActiveConsent(candidateId, scopeKey(recipient, data), em);
  }

  /** Which of these people agree, now, to `data` being shared with `recipient`. */
  allowingAmong(
    candidateIds: string[],
    recipient: ConsentRecipient,
    data: ConsentData,
  ): Promise<Set<string>> {
    return this.candidates.withActiveConsent(candidateIds, scopeKey(recipient, data));
  }

  async list(candidateId: string): Promise<ConsentModel[]> {
    await this.candidateService.requireVisible(candidateId);
    const rows = await this.candidates.consentsOf(candidateId);
    await this.audit.record({
      action: AuditAction.READ,
      entityType: 'consent',
      subjectId: candidateId,
      purpose: '同意の確認',
    });
    return rows.map((c) => this.toModel(c));
  }

  async record(input: RecordConsentInput): Promise<ConsentModel> {
    const viewer = RequestContext.signedIn();
    const givenAt = input.givenAt ?? new Date();
    if (givenAt.getTime() > Date.now() + 60_000)
      throw BadUserInputException.field('givenAt', '同意日時に未来の日時は指定できません');
    if (input.expiresAt && input.expiresAt <= givenAt)
      throw BadUserInputException.field('expiresAt', '有効期限は同意日時より後にしてください');
    return this.dataSource.transaction(async (em) => {
      const candidate = await this.candidateService.requireVisible(input.candidateId, em);
      const saved = await em.getRepository(ConsentEntity).save({
        municipalityId: viewer.municipalityId,
        candidateId: candidate.id,
        scopes: [...new Set(input.scopes.map((s) => scopeKey(s.recipient, s.data)))].sort(),
        method: input.method,
        givenAt,
        expiresAt: input.expiresAt ?? null,
        recordedBy: viewer.userId,
        noteEncrypted: this.cipher.encryptOptional(input.note, NOTE),
      });
      await this.audit.record(
        {
          action: AuditAction.CREATE,
          entityType: 'consent',
          entityId: saved.id,
          subjectId: candidate.id,
          purpose: '同意の記録',
        },
        em,
      );
      return this.toModel(saved);
    });
  }

  /**
   * The person withdraws consent: from the next request nothing more is shared under it, and
   * what was shared under it alone ends now (ConsentHooks: open referrals are withdrawn).
   */
  async withdraw(id: string, note?: string | null): Promise<ConsentModel> {
    const viewer = RequestContext.signedIn();
    return this.dataSource.transaction(async (em) => {
      const consent = await em
        .getRepository(ConsentEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw new NotFoundException('同意', 'id');
      await this.candidateService.requireVisible(consent.candidateId, em, 'id');
      if (consent.withdrawnAt)
        throw BadUserInputException.field('id', 'この同意はすでに撤回されています');
      consent.withdrawnAt = new Date();
      consent.withdrawnBy = viewer.userId;
      consent.withdrawalNoteEncrypted = this.cipher.encryptOptional(note, WITHDRAWAL_NOTE);
      const saved = await em.getRepository(ConsentEntity).save(consent);
      await this.hooks.withdrawn(consent.candidateId, em);
      await this.audit.record(
        {
          action: AuditAction.WITHDRAW,
          entityType: 'consent',
          entityId: id,
          subjectId: consent.candidateId,
          purpose: '同意の撤回',
        },
        em,
      );
      return this.toModel(saved);
    });
  }

  private toModel(c: ConsentEntity): ConsentModel {
    const now = new Date();
    return Object.assign(new ConsentModel(), {
      id: c.id,
      candidateId: c.candidateId,
      scopes: c.scopes.map(parseScope),
      method: c.method,
      givenAt: c.givenAt,
      expiresAt: c.expiresAt,
      recordedBy: c.recordedBy,
      note: this.cipher.decryptOptional(c.noteEncrypted, NOTE),
      withdrawnAt: c.withdrawnAt,
      withdrawnBy: c.withdrawnBy,
      withdrawalNote: this.cipher.decryptOptional(c.withdrawalNoteEncrypted, WITHDRAWAL_NOTE),
      active: !c.withdrawnAt && c.givenAt <= now && (!c.expiresAt || c.expiresAt > now),
    });
  }
}

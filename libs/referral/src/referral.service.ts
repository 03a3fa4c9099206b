import { AuditAction, AuditService } from '@app/audit';
import {
  CandidateService,
  ConsentData,
  ConsentHooks,
  ConsentRecipient,
  ConsentService,
} from '@app/candidate';
import { ResourceService, ResourceStatus } from '@app/catalog';
import {
  BadUserInputException,
  DomainException,
  FieldCipher,
  inEachMunicipality,
  NotFoundException,
  RequestContext,
  SignedInViewer,
} from '@app/common';
import { NotificationKind, NotificationService } from '@app/notification';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AnswerReferralArgs,
  ReferralAnswer,
  ReferralInput,
  ReferralsArgs,
  SendReferralArgs,
  StepUpReferralArgs,
} from './dto/referral.input';
import { Idempotency } from './idempotency';
import { IncomingReferralModel, ReferralModel } from './models/referral.models';
import { DeclineReason, EndReason, ReferralEntity, ReferralStatus as S } from './referral.entities';
import {
  Actor,
  DECLINE_LABELS,
  disclosureOf,
  END_LABELS,
  refusal,
  SEAT_STATES,
  STATUS_LABELS,
} from './referral-rules';
import { ReferralRepository } from './referral.repository';
import { REFERRAL_FIELDS, ReferralViews } from './referral-views';

const ENTITY = 'referral';
const LIST_LIMIT = 200;

/** A change of state, as `move` makes it. */
interface Move {
  to: S;
  by: Actor;
  reason?: string | null;
  note?: string | null;
  set?: Partial<ReferralEntity>;
}

/** What a referral's coordinators and hosts are told of. */
type ReferralNotice =
  | NotificationKind.REFERRAL_RECEIVED
  | NotificationKind.REFERRAL_ANSWERED
  | NotificationKind.WAITLIST_PROMOTED;

/** A seat could not be had: no waitlist either. */
class NoSeatException extends DomainException {
  constructor() {
    super('CONFLICT', '定員に空きがなく、キャンセル待ちも受け付けていないため、受け入れられません');
  }
}

/**
 * Referrals (つなぎ) from a coordinator to a host, and what follows: the host's answer, the visit,
 * taking part, pauses, a step up, the end. Every move is checked against referral-rules.ts,
 * recorded in the referral's history and in the audit log, in one transaction. Seats: a referral
 * takes one of the listing's seats when accepted and gives it back when it ends, is withdrawn or
 * steps up; every seat change locks the listing's row first, so that no two referrals ever take
 * the last seat, and a freed seat goes to the first on the waitlist.
 */
@Injectable()
export class ReferralService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly candidates: CandidateService,
    private readonly consent: ConsentService,
    private readonly consentHooks: ConsentHooks,
    private readonly catalogue: ResourceService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly idempotency: Idempotency,
    private readonly notifications: NotificationService,
    private readonly views: ReferralViews,
  ) {}

  onModuleInit(): void {
    this.consentHooks.onWithdrawal((candidateId, em) => this.withdrawUnshared(candidateId, em));
  }

  /** Work in one transaction; the e-mails it wrote go out after the commit. */
  private async inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    void this.notifications.kick();
    return result;
  }

  /**
   * Referrals a host can still see whose person's consent to share with hosts has expired: each
   * is withdrawn (a scheduled job; a withdrawal by hand is handled at once, ConsentHooks).
   */
  async withdrawExpired(): Promise<number> {
    const counts = await inEachMunicipality(this.dataSource, () =>
      this.inTransaction(async (em) => {
        const found = await this.referrals.unconsented(em);
        await this.withdrawBySystem(
          found,
          '本人同意（受け入れ先との共有）の期限切れにより取り下げ',
          em,
        );
        return found.length;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  // Coordinators

  /** A draft: nothing is shared until it is sent. */
  async saveDraft(input: ReferralInput): Promise<ReferralModel> {
    const viewer = RequestContext.signedIn();
    const id = await this.inTransaction(async (em) => {
      const draft = await this.newReferral(input, viewer, em);
      await this.record(draft, null, { to: S.DRAFT, by: 'COORDINATOR' }, em);
      return draft.id;
    });
    return this.coordinatorView(id);
  }

  /**
   * Sends a referral (a new one, or a draft): only with the person's consent to share their
   * pseudonymous profile with hosts. Once per idempotency key.
   */
  async send(args: SendReferralArgs): Promise<ReferralModel> {
    const viewer = RequestContext.signedIn();
    const { id } = await this.inTransaction((em) =>
      this.idempotency.once(
        em,
        'sendReferral',
        args.idempotencyKey,
        { input: args.input, draftId: args.draftId ?? null },
        async () => {
          const referral = args.draftId
            ? await this.draft(args.draftId, args.input, viewer, em)
            : await this.newReferral(args.input, viewer, em);
          await this.sendNow(referral, args.input, em);
          return referral.id;
        },
      ),
    );
    return this.coordinatorView(id);
  }

  async withdraw(id: string, note?: string | null): Promise<ReferralModel> {
    await this.change(id, { to: S.WITHDRAWN, by: 'COORDINATOR', note });
    return this.coordinatorView(id);
  }

  async end(id: string, reason: EndReason, note?: string | null): Promise<ReferralModel> {
    await this.change(id, {
      to: S.ENDED,
      by: 'COORDINATOR',
      reason: END_LABELS[reason],
      note,
      set: { endReason: reason },
    });
    return this.coordinatorView(id);
  }

  /**
   * A step up: the person moves on to a place that asks a little more. The next referral is sent
   * (with consent, as any other), and this one is marked STEPPED_UP, linked to it, its seat freed.
   */
  async stepUp(args: StepUpReferralArgs): Promise<ReferralModel> {
    const viewer = RequestContext.signedIn();
    const { id } = await this.inTransaction((em) =>
      this.idempotency.once(em, 'stepUpReferral', args.idempotencyKey, args, async () => {
        const current = await this.referrals.findVisible(args.id, viewer, em);
        if (!current) throw new NotFoundException('紹介', 'id');
        const problem = refusal(current.status, S.STEPPED_UP, 'COORDINATOR');
        if (problem) throw BadUserInputException.field('id', problem);
        const input = {
          candidateId: current.candidateId,
          resourceId: args.resourceId,
          proposedWindow: args.proposedWindow,
          message: args.message,
        };
        const next = await this.newReferral(input, viewer, em);
        await this.sendNow(next, input, em);
        await this.moveLocked(
          current.id,
          viewer,
          {
            to: S.STEPPED_UP,
            by: 'COORDINATOR',
            note: args.note,
            set: { nextReferralId: next.id },
          },
          em,
        );
        return next.id;
      }),
    );
    return this.coordinatorView(id);
  }

  // Coordinators and hosts

  async scheduleVisit(id: string, at: Date, note?: string | null) {
    return this.changeAndView(id, { to: S.VISIT_SCHEDULED, note, set: { visitAt: at } });
  }

  async markParticipating(id: string, note?: string | null) {
    return this.changeAndView(id, { to: S.PARTICIPATING, note });
  }

  async pause(id: string, note?: string | null) {
    return this.changeAndView(id, { to: S.PAUSED, note });
  }

  // Hosts

  /**
   * The host's answer. Accepting takes a seat; without one the referral joins the waitlist (if the
   * listing keeps one) or the answer is refused. Once per idempotency key.
   */
  async answer(args: AnswerReferralArgs): Promise<IncomingReferralModel> {
    const { answer, declineReason, note } = args.input;
    if (answer === ReferralAnswer.DECLINE && !declineReason)
      throw BadUserInputException.field('input.declineReason', 'お断りの理由を選んでください');
    const viewer = RequestContext.signedIn();
    const { id } = await this.inTransaction((em) =>
      this.idempotency.once(em, 'answerReferral', args.idempotencyKey, args, async () => {
        await this.moveLocked(args.id, viewer, this.answerMove(answer, declineReason, note), em);
        const answered = (await this.referrals.findVisible(args.id, viewer, em))!;
        await this.tell(em, answered, [answered.coordinatorId], NotificationKind.REFERRAL_ANSWERED);
        return args.id;
      }),
    );
    return this.hostView(id);
  }

  // Reads

  async list(args: ReferralsArgs): Promise<ReferralModel[]> {
    const viewer = RequestContext.signedIn();
    const found = await this.referrals.list(
      viewer,
      {
        statuses: args.statuses ?? undefined,
        candidateId: args.candidateId ?? undefined,
        resourceId: args.resourceId ?? undefined,
      },
      LIST_LIMIT,
    );
    await this.audit.record(
      found.map((r) => ({
        action: AuditAction.LIST,
        entityType: ENTITY,
        entityId: r.id,
        subjectId: r.candidateId,
        purpose: '紹介の一覧',
      })),
    );
    return this.views.coordinatorModels(found);
  }

  async get(id: string): Promise<ReferralModel> {
    return this.coordinatorView(id);
  }

  /** The host's referrals: only while the person's consent to share with hosts holds. */
  async incoming(args: ReferralsArgs): Promise<IncomingReferralModel[]> {
    const viewer = RequestContext.signedIn();
    const found = await this.referrals.list(
      viewer,
      { statuses: args.statuses ?? undefined, resourceId: args.resourceId ?? undefined },
      LIST_LIMIT,
    );
    const consenting = await this.consent.allowingAmong(
      found.map((r) => r.candidateId),
      ConsentRecipient.HOST,
      ConsentData.PROFILE,
    );
    return this.views.hostModels(found.filter((r) => consenting.has(r.candidateId)));
  }

  async incomingOne(id: string): Promise<IncomingReferralModel> {
    return this.hostView(id);
  }

  /**
   * A referral the signed-in viewer may see (a host: only while the person agrees to share with
   * hosts); NOT_FOUND otherwise, as for one that does not exist.
   */
  async accessible(id: string, em?: EntityManager, field = 'referralId'): Promise<ReferralEntity> {
    const viewer = RequestContext.signedIn();
    const found = await this.referrals.findVisible(id, viewer, em);
    if (!found || (viewer.kind === 'HOST' && !(await this.sharedWithHosts(found.candidateId, em))))
      throw new NotFoundException('紹介', field);
    return found;
  }

  // Moves

  private answerMove(
    answer: ReferralAnswer,
    declineReason: DeclineReason | null | undefined,
    note: string | null | undefined,
  ): Move {
    switch (answer) {
      case ReferralAnswer.ACCEPT:
        return { to: S.ACCEPTED, by: 'HOST', note };
      case ReferralAnswer.WAITLIST:
        return { to: S.WAITLISTED, by: 'HOST', note, set: { waitlistedAt: new Date() } };
      case ReferralAnswer.DECLINE:
        return {
          to: S.DECLINED,
          by: 'HOST',
          reason: DECLINE_LABELS[declineReason!],
          note,
          set: { declineReason: declineReason! },
        };
    }
  }

  /** A move by whoever is signed in (a coordinator or the host), then the view they see. */
  private async changeAndView(id: string, move: Omit<Move, 'by'>) {
    const viewer = RequestContext.signedIn();
    const by: Actor = viewer.kind === 'HOST' ? 'HOST' : 'COORDINATOR';
    await this.change(id, { ...move, by });
    return by === 'HOST' ? this.hostView(id) : this.coordinatorView(id);
  }

  private async change(id: string, move: Move): Promise<void> {
    const viewer = RequestContext.signedIn();
    await this.inTransaction((em) => this.moveLocked(id, viewer, move, em));
  }

  /**
   * Moves a referral the viewer may see, in `em`: locks its listing's seats, then the referral,
   * checks the move, takes or frees a seat as the states say, and records it.
   */
  private async moveLocked(
    id: string,
    viewer: SignedInViewer,
    move: Move,
    em: EntityManager,
  ): Promise<void> {
    const seen = await this.accessible(id, em, 'id');
    await this.referrals.lockSeats(seen.resourceId, em);
    const referral = await this.referrals.findVisible(id, viewer, em, true);
    if (!referral) throw new NotFoundException('紹介', 'id');
    await this.moveWithSeats(referral, move, em);
  }

  /** The move itself, the listing's row already locked by the caller. */
  private async moveWithSeats(referral: ReferralEntity, move: Move, em: EntityManager) {
    const problem = refusal(referral.status, move.to, move.by);
    if (problem) throw BadUserInputException.field('id', problem);
    const from = referral.status;
    let next = move;
    if (move.to === S.WAITLISTED) {
      const seats = await this.referrals.lockSeats(referral.resourceId, em);
      if (!seats.hasWaitlist)
        throw BadUserInputException.field(
          'input.answer',
          'この活動はキャンセル待ちを受け付けていません',
        );
      if (seats.capacity === null || seats.seatsTaken < seats.capacity)
        throw BadUserInputException.field(
          'input.answer',
          '定員に空きがあります。キャンセル待ちではなく、受け入れるかお断りで回答してください',
        );
    }
    if (move.to === S.ACCEPTED && !referral.holdsSeat) {
      const seats = await this.referrals.lockSeats(referral.resourceId, em);
      if (seats.capacity === null || seats.seatsTaken < seats.capacity) {
        await this.referrals.addSeats(referral.resourceId, 1, em);
        referral.holdsSeat = true;
      } else if (!seats.hasWaitlist) {
        throw new NoSeatException();
      } else if (from === S.WAITLISTED) {
        throw new DomainException(
          'CONFLICT',
          '定員に空きがないため、キャンセル待ちのままです（空きが出たら順に繰り上がります）',
        );
      } else {
        next = {
          ...move,
          to: S.WAITLISTED,
          reason: '定員に空きがないためキャンセル待ち',
          set: { ...move.set, waitlistedAt: new Date() },
        };
      }
    }
    const frees = referral.holdsSeat && !SEAT_STATES.includes(next.to);
    Object.assign(referral, next.set, { status: next.to });
    if (frees) referral.holdsSeat = false;
    await em.getRepository(ReferralEntity).save(referral);
    await this.record(referral, from, next, em);
    if (frees) {
      await this.referrals.addSeats(referral.resourceId, -1, em);
      await this.promoteWaitlist(referral.resourceId, em);
    }
  }

  /** A freed seat goes to the first on the waitlist whose consent still holds. */
  private async promoteWaitlist(resourceId: string, em: EntityManager): Promise<void> {
    for (;;) {
      const head = await this.referrals.waitlistHead(resourceId, em);
      if (!head) return;
      if (!(await this.sharedWithHosts(head.candidateId, em))) {
        await this.moveWithSeats(
          head,
          {
            to: S.WITHDRAWN,
            by: 'SYSTEM',
            reason: '本人同意（受け入れ先との共有）がないため取り下げ',
          },
          em,
        );
        continue;
      }
      const seats = await this.referrals.lockSeats(resourceId, em);
      if (seats.capacity !== null && seats.seatsTaken >= seats.capacity) return;
      await this.moveWithSeats(
        head,
        { to: S.ACCEPTED, by: 'SYSTEM', reason: '空きが出たため、キャンセル待ちから繰り上げ' },
        em,
      );
      await this.tell(em, head, [head.coordinatorId], NotificationKind.WAITLIST_PROMOTED);
      return;
    }
  }

  /**
   * After a consent was withdrawn: if the person no longer agrees to share their profile with
   * hosts, every referral a host can see is withdrawn now (seats freed, waitlists moved on).
   */
  private async withdrawUnshared(candidateId: string, em: EntityManager): Promise<void> {
    await this.referrals.lockPerson(candidateId, em);
    if (await this.sharedWithHosts(candidateId, em)) return;
    await this.withdrawBySystem(
      await this.referrals.openShared(candidateId, em),
      '本人同意（受け入れ先との共有）の撤回により取り下げ',
      em,
    );
  }

  /** Withdraws referrals as the platform, each still as it was read (seats freed, waitlists moved). */
  private async withdrawBySystem(open: ReferralEntity[], reason: string, em: EntityManager) {
    for (const seen of open) {
      await this.referrals.lockSeats(seen.resourceId, em);
      const referral = await em
        .getRepository(ReferralEntity)
        .findOne({ where: { id: seen.id }, lock: { mode: 'pessimistic_write' } });
      if (!referral || referral.status !== seen.status) continue;
      await this.moveWithSeats(referral, { to: S.WITHDRAWN, by: 'SYSTEM', reason }, em);
    }
  }

  private sharedWithHosts(candidateId: string, em?: EntityManager): Promise<boolean> {
    return this.consent.allows(candidateId, ConsentRecipient.HOST, ConsentData.PROFILE, em);
  }

  // Making and sending

  private async newReferral(
    input: ReferralInput,
    viewer: SignedInViewer,
    em: EntityManager,
  ): Promise<ReferralEntity> {
    if (viewer.kind === 'HOST') throw new NotFoundException('対象者', 'candidateId');
    const candidate = await this.candidates.requireVisible(input.candidateId, em);
    const resource = await this.catalogue.get(input.resourceId, em).catch((error: unknown) => {
      if (error instanceof NotFoundException)
        throw BadUserInputException.field('input.resourceId', '受け入れ先の活動が見つかりません');
      throw error;
    });
    // Another municipality's host cannot see the referral, nor can its listing's seats be kept.
    if (resource.municipalityId !== viewer.municipalityId)
      throw BadUserInputException.field(
        'input.resourceId',
        '他の自治体の活動には紹介できません。その自治体の担当者にご相談ください',
      );
    const repo = em.getRepository(ReferralEntity);
    return repo.save(
      repo.create({
        municipalityId: viewer.municipalityId,
        candidateId: candidate.id,
        resourceId: resource.id,
        organizationId: resource.organizationId,
        teamId: candidate.teamId,
        coordinatorId: viewer.userId,
        status: S.DRAFT,
        proposedWindow: input.proposedWindow ?? null,
        disclosureEncrypted: this.views.seal({
          pace: null,
          accommodations: [],
          message: input.message ?? null,
        }),
      }),
    );
  }

  /** A draft the viewer may see, its fields replaced by the input. */
  private async draft(
    id: string,
    input: ReferralInput,
    viewer: SignedInViewer,
    em: EntityManager,
  ): Promise<ReferralEntity> {
    const draft = await this.referrals.findVisible(id, viewer, em, true);
    if (!draft) throw new NotFoundException('下書き', 'draftId');
    if (draft.status !== S.DRAFT)
      throw BadUserInputException.field(
        'draftId',
        `この紹介は現在「${STATUS_LABELS[draft.status]}」のため、下書きとして送ることはできません`,
      );
    if (draft.candidateId !== input.candidateId)
      throw BadUserInputException.field('input.candidateId', '下書きと対象者が違います');
    return draft;
  }

  /**
   * DRAFT → SENT: the consent gate, the listing still open to referrals, no other open referral
   * of the person to it; what the host will be told is fixed now.
   */
  private async sendNow(referral: ReferralEntity, input: ReferralInput, em: EntityManager) {
    await this.referrals.lockPerson(referral.candidateId, em);
    if (!(await this.sharedWithHosts(referral.candidateId, em)))
      throw BadUserInputException.field(
        'input.candidateId',
        '本人の同意（受け入れ先に仮名のプロフィールを伝えること）が記録されていないため送れません。同意を記録してから送ってください',
      );
    const resource = await this.catalogue.get(input.resourceId, em);
    if (resource.municipalityId !== referral.municipalityId)
      throw BadUserInputException.field('input.resourceId', '他の自治体の活動には紹介できません');
    if (resource.status !== ResourceStatus.ACTIVE)
      throw BadUserInputException.field(
        'input.resourceId',
        'この活動は現在受け付けていません（休止中または終了）',
      );
    const open = await this.referrals.findOpen(referral.candidateId, input.resourceId, em);
    if (open && open.id !== referral.id)
      throw BadUserInputException.field('input.resourceId', 'この活動にはすでに紹介中です');
    const profile = await this.candidates.profileForReferral(referral.candidateId, em);
    const disclosed = profile ? disclosureOf(profile) : { pace: null, accommodations: [] };
    Object.assign(referral, {
      resourceId: resource.id,
      organizationId: resource.organizationId,
      proposedWindow: input.proposedWindow ?? null,
      disclosureEncrypted: this.views.seal({ ...disclosed, message: input.message ?? null }),
      status: S.SENT,
      sentAt: new Date(),
    });
    await em.getRepository(ReferralEntity).save(referral);
    await this.record(referral, S.DRAFT, { to: S.SENT, by: 'COORDINATOR' }, em);
    await this.tell(
      em,
      referral,
      await this.referrals.hostUsers(referral.organizationId, em),
      NotificationKind.REFERRAL_RECEIVED,
    );
    await this.audit.record(
      {
        action: AuditAction.SHARE,
        entityType: ENTITY,
        entityId: referral.id,
        subjectId: referral.candidateId,
        purpose: '受け入れ先への紹介（仮名・ペース・配慮事項）',
      },
      em,
    );
  }

  private async record(
    referral: ReferralEntity,
    from: S | null,
    move: Move,
    em: EntityManager,
  ): Promise<void> {
    const viewer = RequestContext.viewer();
    await this.referrals.addEvent(
      {
        municipalityId: referral.municipalityId,
        referralId: referral.id,
        fromStatus: from,
        toStatus: move.to,
        actorId: move.by === 'SYSTEM' || viewer.kind === 'ANONYMOUS' ? null : viewer.userId,
        reason: move.reason ?? null,
        noteEncrypted: this.cipher.encryptOptional(move.note, REFERRAL_FIELDS.note),
        at: new Date(),
      },
      em,
    );
    const event = {
      action: from === null ? AuditAction.CREATE : AuditAction.UPDATE,
      entityType: ENTITY,
      entityId: referral.id,
      subjectId: referral.candidateId,
      purpose: `紹介: ${from ? STATUS_LABELS[from] : '新規'} → ${STATUS_LABELS[move.to]}`,
    };
    if (viewer.kind === 'ANONYMOUS')
      await this.audit.recordSystem(referral.municipalityId, [event], em);
    else await this.audit.record(event, em);
  }

  /** Tells users of a referral in their inbox (and by e-mail): the pseudonym and a link, no more. */
  private async tell(
    em: EntityManager,
    r: ReferralEntity,
    userIds: string[],
    kind: ReferralNotice,
  ): Promise<void> {
    if (!userIds.length) return;
    const [{ alias }] = await em.query<{ alias: string }[]>(
      'SELECT alias FROM candidate WHERE id = $1',
      [r.candidateId],
    );
    const [{ name }] = await em.query<{ name: string }[]>(
      'SELECT name FROM resource WHERE id = $1',
      [r.resourceId],
    );
    // The inbox may say more; the e-mail only what happened, the pseudonym and the link.
    const words: Record<ReferralNotice, [title: string, body: string, mail: string, link: string]> =
      {
        REFERRAL_RECEIVED: [
          `新しい紹介が届きました（${alias}）`,
          `「${name}」への紹介が届きました。内容を確認して、受け入れ・キャンセル待ち・お断りのいずれかで回答してください。`,
          `新しい紹介が届きました（${alias}）`,
          `/host/referrals/${r.id}`,
        ],
        REFERRAL_ANSWERED: [
          `紹介に回答がありました（${alias}：${STATUS_LABELS[r.status]}）`,
          `「${name}」から回答がありました：${STATUS_LABELS[r.status]}`,
          `紹介に回答がありました（${alias}）`,
          `/referrals/${r.id}`,
        ],
        WAITLIST_PROMOTED: [
          `キャンセル待ちから繰り上がりました（${alias}）`,
          `「${name}」に空きが出て、受け入れが決まりました。`,
          `紹介の状況が変わりました（${alias}）`,
          `/referrals/${r.id}`,
        ],
      };
    const [title, body, mailSubject, link] = words[kind];
    await this.notifications.notify(em, r.municipalityId, userIds, {
      kind,
      subjectId: r.id,
      title,
      body,
      mailSubject,
      link,
    });
  }

  // Views

  private async coordinatorView(id: string): Promise<ReferralModel> {
    const viewer = RequestContext.signedIn();
    if (viewer.kind === 'HOST') throw new NotFoundException('紹介', 'id');
    const found = await this.referrals.findVisible(id, viewer);
    if (!found) throw new NotFoundException('紹介', 'id');
    await this.audit.record({
      action: AuditAction.READ,
      entityType: ENTITY,
      entityId: id,
      subjectId: found.candidateId,
      purpose: '紹介の確認',
    });
    const [model] = await this.views.coordinatorModels([found]);
    return model;
  }

  private async hostView(id: string): Promise<IncomingReferralModel> {
    if (RequestContext.signedIn().kind !== 'HOST') throw new NotFoundException('紹介', 'id');
    const [model] = await this.views.hostModels([await this.accessible(id, undefined, 'id')]);
    return model;
  }
}

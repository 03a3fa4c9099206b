import { AuditAction, AuditService } from '@app/audit';
import {
  APP_CONFIG,
  AppConfig,
  assertManages,
  BadUserInputException,
  FieldCipher,
  inEachMunicipality,
  mapPage,
  NotFoundException,
  Page,
  RequestContext,
} from '@app/common';
import { RateLimits } from '@app/identity';
import { NotificationKind, NotificationService } from '@app/notification';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerHelpOfferInput, HelpOffersArgs, OfferHelpInput } from './dto/help-offer.input';
import {
  CLOSED_OFFER_STATES,
  HELP_OFFER_FIELDS,
  HelpOfferEntity,
  HelpOfferStatus,
} from './help-offer.entity';
import { HelpOfferRepository, NeedForOffer } from './help-offer.repository';
import { HelpOfferModel, HelpOfferReceiptModel } from './models/help-offer.model';

const ENTITY = 'help_offer';
const OPEN_STATES = [HelpOfferStatus.NEW, HelpOfferStatus.CONTACTED];
/** What a host may answer; NEW is where offers start and EXPIRED is the platform's. */
const HOST_ANSWERS: readonly HelpOfferStatus[] = [
  HelpOfferStatus.CONTACTED,
  HelpOfferStatus.ACCEPTED,
  HelpOfferStatus.DECLINED,
];

/**
 * Residents' offers to help (担い手): anyone may send one for an open need; the host's users are
 * told in their inbox and by e-mail (which says only that an offer arrived); the host and the
 * municipality's staff read the contact, every read audited; answering it erases the contact.
 */
@Injectable()
export class HelpOfferService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: HelpOfferRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly limits: RateLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async offer(input: OfferHelpInput): Promise<HelpOfferReceiptModel> {
    await this.limits.helpOffer(RequestContext.current()?.ip ?? 'unknown');
    if (!input.email && !input.phone)
      throw BadUserInputException.field(
        'email',
        'メールアドレスか電話番号の、どちらかを入力してください',
      );
    const need = (await this.offers.needs([input.needId])).get(input.needId);
    if (!need) throw BadUserInputException.field('needId', 'この募集は見つかりません');
    if (!need.isOpen) throw BadUserInputException.field('needId', 'この募集は締め切られました');

    await RequestContext.asTenant(need.municipalityId, () =>
      this.dataSource.transaction(async (em) => {
        const saved = await this.offers.save(
          {
            municipalityId: need.municipalityId,
            organizationId: need.organizationId,
            needId: need.id,
            nameEncrypted: this.cipher.encrypt(input.name, HELP_OFFER_FIELDS.name),
            contactEncrypted: this.cipher.encrypt(
              JSON.stringify({ email: input.email ?? null, phone: input.phone ?? null }),
              HELP_OFFER_FIELDS.contact,
            ),
            messageEncrypted: this.cipher.encryptOptional(input.message, HELP_OFFER_FIELDS.message),
          },
          em,
        );
        await this.audit.recordSystem(
          need.municipalityId,
          [
            {
              action: AuditAction.CREATE,
              entityType: ENTITY,
              entityId: saved.id,
              purpose: 'お手伝いの申し出（住民から）',
            },
          ],
          em,
        );
        const title = `お手伝いの申し出が届きました（${need.description}）`;
        await this.notifications.notify(
          em,
          need.municipalityId,
          await this.offers.recipients(need, em),
          {
            kind: NotificationKind.HELP_OFFER_RECEIVED,
            subjectId: saved.id,
            title,
            body: `「${need.organizationName}」の募集「${need.description}」に、地域の方からお手伝いの申し出がありました。連絡先を確認して、ご連絡ください。`,
            mailSubject: 'お手伝いの申し出が届きました',
            link: '/host/offers',
          },
        );
      }),
    );
    void this.notifications.kick();
    return { organizationName: need.organizationName, needDescription: need.description };
  }

  /** Offers a host (its own organisations') or the municipality's staff may read; audited. */
  async page(args: HelpOffersArgs): Promise<Page<HelpOfferModel>> {
    const viewer = RequestContext.signedIn();
    let organizationIds: readonly string[] | undefined =
      viewer.kind === 'HOST' ? viewer.organizationIds : undefined;
    if (args.organizationId)
      organizationIds =
        organizationIds?.includes(args.organizationId) === false ? [] : [args.organizationId];
    const page = await this.offers.page({
      municipalityId: viewer.municipalityId,
      organizationIds,
      statuses: args.statuses?.length ? args.statuses : OPEN_STATES,
      first: args.first,
      after: args.after,
    });
    const offers = page.edges.map((e) => e.node);
    await this.audit.record(
      offers.map((o) => ({
        action: AuditAction.READ,
        entityType: ENTITY,
        entityId: o.id,
        purpose: 'お手伝いの申し出の確認',
      })),
    );
    const needs = await this.offers.needs(offers.map((o) => o.needId));
    return mapPage(page, (o) => this.model(o, needs.get(o.needId)!));
  }

  /** The host answers: contacted, or accepted / declined, which erase the person's details. */
  async answer(input: AnswerHelpOfferInput): Promise<HelpOfferModel> {
    if (!HOST_ANSWERS.includes(input.status))
      throw BadUserInputException.field(
        'status',
        '「連絡した」「お願いする」「見送る」のどれかを選んでください',
      );
    const saved = await this.dataSource.transaction(async (em) => {
      const current = await this.offers.findForUpdate(input.id, em);
      if (!current) throw new NotFoundException('申し出', 'id');
      assertManages(current.municipalityId, current.organizationId);
      if (CLOSED_OFFER_STATES.includes(current.status))
        throw BadUserInputException.field('status', 'この申し出への対応は終わっています');
      const closing = CLOSED_OFFER_STATES.includes(input.status);
      const next = await this.offers.save(
        {
          ...current,
          status: input.status,
          ...(closing && { nameEncrypted: null, contactEncrypted: null, messageEncrypted: null }),
        },
        em,
      );
      await this.audit.record(
        {
          action: AuditAction.UPDATE,
          entityType: ENTITY,
          entityId: current.id,
          purpose: `お手伝いの申し出: ${current.status} → ${input.status}${closing ? '（連絡先を消去）' : ''}`,
        },
        em,
      );
      return next;
    });
    const need = (await this.offers.needs([saved.needId])).get(saved.needId)!;
    return this.model(saved, need);
  }

  /**
   * Offers still open past the retention period end (EXPIRED) and their contact is erased:
   * a NEW one counted from when it was sent, a CONTACTED one from the host's last step. Each
   * municipality in turn, as the platform in that tenant (row-level security applies), with a
   * system entry in its audit log. Safe in several processes (SKIP LOCKED).
   */
  async expireUnanswered(): Promise<number> {
    const days = this.config.helpOffers.retentionDays;
    const counts = await inEachMunicipality(this.dataSource, (municipalityId) =>
      this.dataSource.transaction(async (em) => {
        const expired = await this.offers.expireUnanswered(days, em);
        if (expired.length)
          await this.audit.recordSystem(
            municipalityId,
            expired.map((id) => ({
              action: AuditAction.UPDATE,
              entityType: ENTITY,
              entityId: id,
              purpose: `お手伝いの申し出: 対応が終わらないまま${days}日を過ぎたため終了（連絡先を消去）`,
            })),
            em,
          );
        return expired.length;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private model(o: HelpOfferEntity, need: NeedForOffer): HelpOfferModel {
    const contact = o.contactEncrypted
      ? (JSON.parse(this.cipher.decrypt(o.contactEncrypted, HELP_OFFER_FIELDS.contact)) as {
          email: string | null;
          phone: string | null;
        })
      : { email: null, phone: null };
    return Object.assign(new HelpOfferModel(), {
      id: o.id,
      status: o.status,
      createdAt: o.createdAt,
      organizationId: o.organizationId,
      organizationName: need.organizationName,
      needId: o.needId,
      needKind: need.kind,
      needDescription: need.description,
      name: this.cipher.decryptOptional(o.nameEncrypted, HELP_OFFER_FIELDS.name),
      email: contact.email,
      phone: contact.phone,
      message: this.cipher.decryptOptional(o.messageEncrypted, HELP_OFFER_FIELDS.message),
    });
  }
}

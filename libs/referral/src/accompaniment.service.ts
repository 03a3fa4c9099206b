import { AuditAction, AuditService } from '@app/audit';
import {
  APP_CONFIG,
  AppConfig,
  BadUserInputException,
  FieldCipher,
  inEachMunicipality,
  NotFoundException,
  RequestContext,
  todayInJapan,
} from '@app/common';
import { NotificationKind, NotificationService } from '@app/notification';
import { Inject, Injectable } from '@nestjs/common';
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { DataSource, EntityManager } from 'typeorm';
import {
  FollowUpEntity,
  FollowUpKind,
  ParticipationEntryEntity,
  ParticipationKind,
} from './accompaniment.entities';
import {
  CompleteFollowUpArgs,
  FollowUpsArgs,
  FollowUpState,
  LogStepUpArgs,
  LogVisitArgs,
  ScheduleFollowUpArgs,
  SelfAssessmentArgs,
} from './dto/accompaniment.input';
import { FollowUpModel, ParticipationEntryModel } from './models/accompaniment.models';
import { ReferralEntity } from './referral.entities';
import { SEAT_STATES } from './referral-rules';
import { ReferralService } from './referral.service';

const NOTE = 'participation_entry.note';
const FOLLOW_UP_NOTE = 'follow_up.note';
const ENTITY = 'participation_entry';

/** Today in Japan, YYYY-MM-DD. */
const day = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * 伴走: the participation log (visits, step ups, the person's own sense of connection) and the
 * follow-ups that keep a connection from lapsing. The first visit schedules a check-in
 * FOLLOW_UP_FIRST_DAYS later, and each automatic check-in done schedules the next, every
 * FOLLOW_UP_EVERY_MONTHS months counted from the first (so 31 January is followed by 28 or 29
 * February, then 31 March). A follow-up past its day tells the coordinator, once.
 */
@Injectable()
export class AccompanimentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // The participation log

  logVisit(args: LogVisitArgs): Promise<ParticipationEntryModel> {
    return this.log(args.referralId, args.on, {
      kind: ParticipationKind.VISIT,
      minutes: args.minutes,
      supporterCame: args.supporterCame,
      noteEncrypted: this.cipher.encryptOptional(args.note, NOTE),
    });
  }

  logStepUp(args: LogStepUpArgs): Promise<ParticipationEntryModel> {
    if (args.toMinutes <= args.fromMinutes)
      throw BadUserInputException.field('toMinutes', '変更後の時間は変更前より長くしてください');
    return this.log(args.referralId, args.on, {
      kind: ParticipationKind.STEP_UP,
      fromMinutes: args.fromMinutes,
      toMinutes: args.toMinutes,
      noteEncrypted: this.cipher.encryptOptional(args.note, NOTE),
    });
  }

  /** The person's own answer, recorded by their coordinator: a number, words, or both. */
  selfAssessment(args: SelfAssessmentArgs): Promise<ParticipationEntryModel> {
    if (RequestContext.signedIn().kind === 'HOST')
      throw new NotFoundException('紹介', 'referralId');
    if (!args.feeling && !args.words)
      throw BadUserInputException.field(
        'words',
        '本人の実感（1〜5）か、本人のことばのどちらかを記録してください',
      );
    return this.log(args.referralId, args.on, {
      kind: ParticipationKind.SELF_ASSESSMENT,
      feeling: args.feeling ?? null,
      noteEncrypted: this.cipher.encryptOptional(args.words, NOTE),
    });
  }

  /** A referral's log: the host sees visits and step ups, never the person's self-assessment. */
  async entries(referralId: string): Promise<ParticipationEntryModel[]> {
    const referral = await this.referrals.accessible(referralId);
    const host = RequestContext.signedIn().kind === 'HOST';
    const rows = await this.dataSource.getRepository(ParticipationEntryEntity).find({
      where: { referralId },
      order: { onDate: 'ASC', createdAt: 'ASC' },
    });
    await this.audit.record({
      action: AuditAction.READ,
      entityType: ENTITY,
      entityId: referralId,
      subjectId: referral.candidateId,
      purpose: '参加の記録の確認',
    });
    return rows
      .filter((e) => !host || e.kind !== ParticipationKind.SELF_ASSESSMENT)
      .map((e) => this.entryModel(e));
  }

  private async log(
    referralId: string,
    on: string,
    values: Partial<ParticipationEntryEntity>,
  ): Promise<ParticipationEntryModel> {
    const viewer = RequestContext.signedIn();
    if (on > todayInJapan()) throw BadUserInputException.field('on', '未来の日付は記録できません');
    return this.dataSource.transaction(async (em) => {
      const referral = await this.referrals.accessible(referralId, em);
      if (!SEAT_STATES.includes(referral.status))
        throw BadUserInputException.field(
          'referralId',
          '参加の記録は、受け入れが決まってから終了するまでの間につけられます',
        );
      const repo = em.getRepository(ParticipationEntryEntity);
      const firstVisit =
        values.kind === ParticipationKind.VISIT &&
        !(await repo.existsBy({ referralId, kind: ParticipationKind.VISIT }));
      const saved = await repo.save(
        repo.create({
          ...values,
          municipalityId: referral.municipalityId,
          referralId,
          onDate: on,
          recordedBy: viewer.userId,
        }),
      );
      if (firstVisit)
        await this.scheduleCheckIn(
          em,
          referral,
          addDays(parseISO(on), this.config.followUp.firstAfterDays),
          0,
        );
      await this.audit.record(
        {
          action: AuditAction.CREATE,
          entityType: ENTITY,
          entityId: saved.id,
          subjectId: referral.candidateId,
          purpose: '参加の記録',
        },
        em,
      );
      return this.entryModel(saved);
    });
  }

  // Follow-ups

  async schedule(args: ScheduleFollowUpArgs): Promise<FollowUpModel> {
    this.coordinatorsOnly();
    if (args.dueOn < todayInJapan())
      throw BadUserInputException.field('dueOn', '期日は今日以降の日付にしてください');
    const id = await this.dataSource.transaction(async (em) => {
      const referral = await this.referrals.accessible(args.referralId, em);
      const repo = em.getRepository(FollowUpEntity);
      const saved = await repo.save(
        repo.create({
          municipalityId: referral.municipalityId,
          referralId: referral.id,
          teamId: referral.teamId,
          kind: args.kind,
          dueOn: args.dueOn,
          noteEncrypted: this.cipher.encryptOptional(args.note, FOLLOW_UP_NOTE),
        }),
      );
      return saved.id;
    });
    return this.one(id);
  }

  /** Done: with what was found; an automatic check-in schedules the next one. */
  async complete(args: CompleteFollowUpArgs): Promise<FollowUpModel> {
    const viewer = this.coordinatorsOnly();
    await this.dataSource.transaction(async (em) => {
      const followUp = await em
        .getRepository(FollowUpEntity)
        .findOne({ where: { id: args.id }, lock: { mode: 'pessimistic_write' } });
      if (!followUp) throw new NotFoundException('フォローアップ', 'id');
      const referral = await this.referrals.accessible(followUp.referralId, em, 'id');
      if (followUp.doneAt)
        throw BadUserInputException.field('id', 'このフォローアップは記録済みです');
      followUp.doneAt = new Date();
      followUp.doneBy = viewer.userId;
      if (args.note) followUp.noteEncrypted = this.cipher.encrypt(args.note, FOLLOW_UP_NOTE);
      await em.getRepository(FollowUpEntity).save(followUp);
      if (
        followUp.anchorOn !== null &&
        followUp.sequence !== null &&
        SEAT_STATES.includes(referral.status)
      ) {
        const next = followUp.sequence + 1;
        await this.scheduleCheckIn(
          em,
          referral,
          addMonths(parseISO(followUp.anchorOn), next * this.config.followUp.everyMonths),
          next,
          followUp.anchorOn,
        );
      }
    });
    return this.one(args.id);
  }

  async list(args: FollowUpsArgs): Promise<FollowUpModel[]> {
    const viewer = this.coordinatorsOnly();
    const today = todayInJapan();
    const qb = this.dataSource
      .getRepository(FollowUpEntity)
      .createQueryBuilder('f')
      .where('f.municipality_id = :m', { m: viewer.municipalityId })
      .orderBy('f.due_on')
      .addOrderBy('f.id')
      .limit(500);
    if (viewer.kind === 'COORDINATOR') qb.andWhere('f.team_id = :t', { t: viewer.teamId });
    if (args.referralId) qb.andWhere('f.referral_id = :r', { r: args.referralId });
    const open = 'f.done_at IS NULL';
    switch (args.state) {
      case FollowUpState.OPEN:
        qb.andWhere(open);
        break;
      case FollowUpState.DUE:
        qb.andWhere(`${open} AND f.due_on <= :today`, { today });
        break;
      case FollowUpState.OVERDUE:
        qb.andWhere(`${open} AND f.due_on < :today`, { today });
        break;
      case FollowUpState.DONE:
        qb.andWhere('f.done_at IS NOT NULL');
        break;
    }
    return this.models(await qb.getMany());
  }

  /**
   * Tells each coordinator, once, of their follow-ups past their day (a scheduled job, in each
   * municipality, as the platform there). Answers how many it told of.
   */
  async notifyOverdue(today = todayInJapan()): Promise<number> {
    const counts = await inEachMunicipality(this.dataSource, () =>
      this.dataSource.transaction(async (em) => {
        const due = await em.query<
          {
            id: string;
            municipality_id: string;
            coordinator_id: string;
            alias: string;
            name: string;
            due_on: string;
          }[]
        >(
          `SELECT f.id, f.municipality_id, r.coordinator_id, c.alias, s.name, to_char(f.due_on, 'YYYY-MM-DD') AS due_on
             FROM follow_up f JOIN referral r ON r.id = f.referral_id
             JOIN candidate c ON c.id = r.candidate_id JOIN resource s ON s.id = r.resource_id
            WHERE f.done_at IS NULL AND f.due_on < $1 AND f.overdue_notified_at IS NULL
              AND r.status = ANY ($2::referral_status[])
            ORDER BY f.due_on FOR UPDATE OF f SKIP LOCKED`,
          [today, SEAT_STATES],
        );
        for (const f of due) {
          await this.notifications.notify(em, f.municipality_id, [f.coordinator_id], {
            kind: NotificationKind.FOLLOW_UP_OVERDUE,
            subjectId: f.id,
            title: `フォローアップの期日が過ぎています（${f.alias}）`,
            mailSubject: `フォローアップの期日が過ぎています（${f.alias}）`,
            body: `「${f.name}」に参加している${f.alias}のフォローアップ（期日 ${f.due_on}）がまだ記録されていません。`,
            link: '/follow-ups',
          });
          await em.query('UPDATE follow_up SET overdue_notified_at = now() WHERE id = $1', [f.id]);
        }
        return due.length;
      }),
    );
    void this.notifications.kick();
    return counts.reduce((a, b) => a + b, 0);
  }

  private async scheduleCheckIn(
    em: EntityManager,
    referral: ReferralEntity,
    due: Date,
    sequence: number,
    anchorOn?: string,
  ): Promise<void> {
    const repo = em.getRepository(FollowUpEntity);
    await repo.save(
      repo.create({
        municipalityId: referral.municipalityId,
        referralId: referral.id,
        teamId: referral.teamId,
        kind: FollowUpKind.CHECK_IN,
        dueOn: day(due),
        anchorOn: anchorOn ?? day(due),
        sequence,
      }),
    );
  }

  private coordinatorsOnly() {
    const viewer = RequestContext.signedIn();
    if (viewer.kind === 'HOST') throw new NotFoundException('フォローアップ', 'id');
    return viewer;
  }

  private async one(id: string): Promise<FollowUpModel> {
    const found = await this.dataSource.getRepository(FollowUpEntity).findOneBy({ id });
    if (!found) throw new NotFoundException('フォローアップ', 'id');
    const [model] = await this.models([found]);
    return model;
  }

  private async models(rows: FollowUpEntity[]): Promise<FollowUpModel[]> {
    if (!rows.length) return [];
    const today = todayInJapan();
    const names = await this.dataSource.query<
      { id: string; candidate_id: string; alias: string; name: string }[]
    >(
      `SELECT r.id, r.candidate_id, c.alias, s.name FROM referral r JOIN candidate c ON c.id = r.candidate_id
         JOIN resource s ON s.id = r.resource_id WHERE r.id = ANY($1::uuid[])`,
      [[...new Set(rows.map((f) => f.referralId))]],
    );
    const of = new Map(names.map((n) => [n.id, n]));
    await this.audit.record(
      rows.map((f) => ({
        action: AuditAction.LIST,
        entityType: 'follow_up',
        entityId: f.id,
        subjectId: of.get(f.referralId)!.candidate_id,
        purpose: 'フォローアップの確認',
      })),
    );
    return rows.map((f) => ({
      id: f.id,
      referralId: f.referralId,
      alias: of.get(f.referralId)!.alias,
      resourceName: of.get(f.referralId)!.name,
      kind: f.kind,
      dueOn: f.dueOn,
      automatic: f.anchorOn !== null,
      overdue: !f.doneAt && f.dueOn < today,
      doneAt: f.doneAt,
      note: this.cipher.decryptOptional(f.noteEncrypted, FOLLOW_UP_NOTE),
    }));
  }

  private entryModel(e: ParticipationEntryEntity): ParticipationEntryModel {
    return {
      id: e.id,
      referralId: e.referralId,
      kind: e.kind,
      on: e.onDate,
      minutes: e.minutes,
      supporterCame: e.supporterCame,
      fromMinutes: e.fromMinutes,
      toMinutes: e.toMinutes,
      feeling: e.feeling,
      note: this.cipher.decryptOptional(e.noteEncrypted, NOTE),
      recordedBy: e.recordedBy,
    };
  }
}

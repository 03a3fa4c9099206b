import {
  APP_CONFIG,
  assertManages,
  AppConfig,
  BadUserInputException,
  ChangeFeed,
  FieldError,
  isCalendarDate,
  NotFoundException,
  Page,
  RequestContext,
  resolveMunicipalityId,
  stripUndefined,
  toGeoJSONPoint,
} from '@app/common';
import { AreaService, MunicipalityService } from '@app/municipality';
import { OrganizationService } from '@app/organization';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ResourceKind, ResourceStatus, ScheduleFrequency, ToConfirm } from './catalog.enums';
import { ResourceFilter, ResourcesArgs } from './dto/resource-filter.input';
import {
  CreateResourceInput,
  ResourceDetailsInput,
  UpdateResourceInput,
} from './dto/resource.input';
import { accessTo, isVisibleTo, ResourceAccess } from './resource-policy';
import { ResourceEntity } from './resource.entity';
import { ResourceRepository } from './resource.repository';
import { Occurrence, OccurrenceRepository } from './schedule/occurrence.repository';

/** Which kinds each detail belongs to, and its name in Japanese for messages. */
const DETAIL_KINDS: Record<keyof ResourceDetailsInput, { kinds: ResourceKind[]; label: string }> = {
  dropIn: { kinds: [ResourceKind.IBASHO], label: '出入り自由' },
  mealsServed: { kinds: [ResourceKind.IBASHO], label: '食事の提供' },
  tasks: { kinds: [ResourceKind.VOLUNTEER, ResourceKind.WORK_PLACEMENT], label: '作業の内容' },
  slotsPerSession: { kinds: [ResourceKind.VOLUNTEER], label: '1回の募集人数' },
  hourlyWageYen: { kinds: [ResourceKind.WORK_PLACEMENT], label: '時給' },
  mayLeadToEmployment: { kinds: [ResourceKind.WORK_PLACEMENT], label: '就職につながる可能性' },
  sessionCount: { kinds: [ResourceKind.PROGRAM], label: '回数' },
  format: { kinds: [ResourceKind.PROGRAM], label: '形式' },
};
const KIND_LABELS: Record<ResourceKind, string> = {
  IBASHO: '居場所',
  VOLUNTEER: 'ボランティア',
  WORK_PLACEMENT: '就労体験',
  PROGRAM: 'プログラム',
};
const MAX_WINDOW_DAYS = 62;
const SCHEDULE_DOUBTS = [ToConfirm.SCHEDULE_TIMES, ToConfirm.SCHEDULE_START];

/**
 * How a write is run: inside a caller's transaction (an import wraps each row in a savepoint, so
 * that it can drop one row and keep the rest), and with facts an import brings that no form sets.
 */
export interface WriteOptions {
  em?: EntityManager;
  imported?: Partial<
    Pick<ResourceEntity, 'scheduleText' | 'toConfirm' | 'lastVerifiedAt' | 'status' | 'statusNote'>
  >;
  /**
   * The caller publishes the change itself, once for many writes in its transaction (the search
   * index is refreshed for all of them in one go).
   */
  deferChanges?: boolean;
}

@Injectable()
export class ResourceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resources: ResourceRepository,
    private readonly occurrences: OccurrenceRepository,
    private readonly municipalities: MunicipalityService,
    private readonly areas: AreaService,
    private readonly organizations: OrganizationService,
    private readonly changes: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Listings last confirmed before this moment are stale. */
  staleBefore(): Date {
    return new Date(Date.now() - this.config.staleAfterDays * 86_400_000);
  }

  /** What the current viewer may see of a resource. */
  accessFor(resource: ResourceEntity): ResourceAccess {
    return accessTo(RequestContext.viewer(), resource);
  }

  async get(id: string, em?: EntityManager): Promise<ResourceEntity> {
    const found = await this.resources.findVisible(id, RequestContext.viewer(), em);
    if (!found) throw new NotFoundException('活動', 'id');
    return found;
  }

  page(args: ResourcesArgs): Promise<Page<ResourceEntity>> {
    const filter = args.filter ?? {};
    this.checkFilter(filter);
    return this.resources.page({
      municipalityId: resolveMunicipalityId(args.municipalityId),
      viewer: RequestContext.viewer(),
      filter,
      staleBefore: this.staleBefore(),
      first: args.first,
      after: args.after,
    });
  }

  /** Rules across a filter's fields that validation decorators cannot express. */
  checkFilter(filter: ResourceFilter): void {
    const window = filter.openBetween;
    if (window) {
      const problems: FieldError[] = [];
      if (window.to <= window.from)
        problems.push({
          field: 'filter.openBetween.to',
          message: '終了日時は開始日時より後にしてください',
        });
      else if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
        problems.push({
          field: 'filter.openBetween.to',
          message: `期間は${MAX_WINDOW_DAYS}日以内にしてください`,
        });
      }
      if (problems.length) throw new BadUserInputException(problems);
    }
    if (filter.weekly && filter.weekly.to <= filter.weekly.from)
      throw BadUserInputException.field(
        'filter.weekly.to',
        '終了時刻は開始時刻より後にしてください',
      );
    const bbox = filter.bbox;
    if (bbox && (bbox.minLongitude >= bbox.maxLongitude || bbox.minLatitude >= bbox.maxLatitude)) {
      throw BadUserInputException.field(
        'filter.bbox',
        '範囲の西端・南端は東端・北端より小さくしてください',
      );
    }
  }

  occurrencesOf(resourceIds: readonly string[], from: Date, to: Date): Promise<Occurrence[]> {
    checkPeriod(from, to);
    return this.occurrences.between(resourceIds, from, to);
  }

  /**
   * The dates a listing would have with these rules, holidays and closures applied, before they
   * are saved: the rules are written as an edit would write them (same checks, same errors),
   * the dates read by the one SQL home of the rules, and everything rolled back.
   */
  async previewOccurrences(
    id: string,
    draft: Pick<UpdateResourceInput, 'schedules' | 'sessions' | 'closures'>,
    from: Date,
    to: Date,
  ): Promise<Occurrence[]> {
    checkPeriod(from, to);
    let dates: Occurrence[] = [];
    const rollback = new Error('preview');
    await this.dataSource
      .transaction(async (em) => {
        await this.update(id, draft, { em, deferChanges: true });
        dates = await this.occurrences.between([id], from, to, em);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return dates;
  }

  async create(input: CreateResourceInput, options: WriteOptions = {}): Promise<ResourceEntity> {
    assertManages(input.municipalityId, input.organizationId);
    return this.transaction(options.em, async (em) => {
      await this.municipalities.requireExisting(input.municipalityId, em);
      const problems = [
        ...(await this.organizationProblems(input.municipalityId, input.organizationId, em)),
        ...this.fieldProblems(input, {
          kind: input.kind,
          seatsTaken: 0,
          capacity: null,
          onlineOnly: false,
        }),
        ...(await this.themeProblems(input.themes, em)),
      ];
      if (problems.length) throw new BadUserInputException(problems);
      const saved = await this.resources.save(
        {
          municipalityId: input.municipalityId,
          organizationId: input.organizationId,
          kind: input.kind,
          name: input.name,
          ...(await this.columnsFrom(input.municipalityId, input, null, em)),
          // Entering a listing is a person confirming it.
          lastVerifiedAt: new Date(),
          ...options.imported,
        },
        em,
      );
      await this.resources.replaceChildren(saved.id, this.childrenFrom(input), em, true);
      if (!options.deferChanges) await this.changes.publish({ resourceIds: [saved.id] }, em);
      return saved;
    });
  }

  async update(
    id: string,
    input: UpdateResourceInput,
    options: WriteOptions = {},
  ): Promise<ResourceEntity> {
    return this.transaction(options.em, async (em) => {
      const current = await this.requireForWrite(id, em);
      const problems = [
        ...this.fieldProblems(input, current),
        ...(await this.themeProblems(input.themes, em)),
      ];
      if (problems.length) throw new BadUserInputException(problems);
      const saved = await this.resources.save(
        {
          ...current,
          ...(input.name !== undefined && { name: input.name }),
          ...(input.status !== undefined && { status: input.status }),
          ...(await this.columnsFrom(current.municipalityId, input, current, em)),
          ...this.confirmedBy(input, current),
          ...options.imported,
        },
        em,
      );
      await this.resources.replaceChildren(id, this.childrenFrom(input), em);
      if (!options.deferChanges) await this.changes.publish({ resourceIds: [id] }, em);
      return saved;
    });
  }

  /** Takes a listing off the public map for a while, saying why (e.g. 夏休み, 担い手不足). */
  async pause(id: string, note: string | null): Promise<ResourceEntity> {
    return this.setStatus(id, ResourceStatus.PAUSED, note);
  }

  async resume(id: string): Promise<ResourceEntity> {
    return this.setStatus(id, ResourceStatus.ACTIVE, null);
  }

  /** A person confirms the listing is still accurate ("still accurate" in one click). */
  async verify(id: string, verifiedBy: string): Promise<ResourceEntity> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.requireForWrite(id, em);
      const saved = await this.resources.save(
        { ...current, lastVerifiedAt: new Date(), verifiedBy },
        em,
      );
      await this.changes.publish({ resourceIds: [id] }, em);
      return saved;
    });
  }

  themes() {
    return this.resources.allThemes();
  }

  private async setStatus(
    id: string,
    status: ResourceStatus,
    note: string | null,
  ): Promise<ResourceEntity> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.requireForWrite(id, em);
      if (current.status === ResourceStatus.CLOSED && status !== ResourceStatus.CLOSED) {
        throw BadUserInputException.field(
          'id',
          '終了した活動は再開・休止できません。状態を変える場合は編集してください',
        );
      }
      const saved = await this.resources.save({ ...current, status, statusNote: note }, em);
      await this.changes.publish({ resourceIds: [id] }, em);
      return saved;
    });
  }

  /** A write of its own, or part of the caller's transaction (the caller keeps it atomic). */
  private transaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>) {
    return em ? work(em) : this.dataSource.transaction(work);
  }

  /**
   * An edit answers what an import left to confirm: a pin answers the location, new rules the
   * schedule (and replace the imported wording of it).
   */
  private confirmedBy(
    input: UpdateResourceInput,
    current: ResourceEntity,
  ): Partial<Pick<ResourceEntity, 'toConfirm' | 'scheduleText'>> {
    const answered = [
      ...(input.location ? [ToConfirm.PIN_LOCATION] : []),
      ...(input.schedules || input.sessions ? SCHEDULE_DOUBTS : []),
    ];
    return {
      ...(answered.length && { toConfirm: current.toConfirm.filter((c) => !answered.includes(c)) }),
      ...((input.schedules || input.sessions) && { scheduleText: null }),
    };
  }

  private async requireForWrite(id: string, em: EntityManager): Promise<ResourceEntity> {
    const current = await this.resources.findForUpdate(id, em);
    // A listing the viewer may not see is not found, rather than forbidden: it does not exist for them.
    if (!current || !isVisibleTo(RequestContext.viewer(), current))
      throw new NotFoundException('活動', 'id');
    assertManages(current.municipalityId, current.organizationId);
    return current;
  }

  private async organizationProblems(
    municipalityId: string,
    organizationId: string,
    em: EntityManager,
  ): Promise<FieldError[]> {
    return (await this.organizations.findInMunicipality(municipalityId, organizationId, em))
      ? []
      : [{ field: 'organizationId', message: '指定された団体がこの自治体に見つかりません' }];
  }

  private async themeProblems(
    themes: string[] | undefined,
    em: EntityManager,
  ): Promise<FieldError[]> {
    if (!themes?.length) return [];
    const known = await this.resources.knownThemeCodes(themes, em);
    const unknown = [...new Set(themes.filter((t) => !known.has(t)))];
    return unknown.length
      ? [{ field: 'themes', message: `登録されていないテーマです: ${unknown.join('、')}` }]
      : [];
  }

  /**
   * Rules across fields, read against what the resource is now (for a new one: its defaults);
   * every problem is reported at once.
   */
  private fieldProblems(
    input: CreateResourceInput | UpdateResourceInput,
    current: Pick<ResourceEntity, 'kind' | 'seatsTaken' | 'capacity' | 'onlineOnly'>,
  ): FieldError[] {
    const problems: FieldError[] = [];
    const add = (field: string, message: string) => problems.push({ field, message });
    const kind = current.kind;
    const currentSeatsTaken = current.seatsTaken;
    const currentCapacity = current.capacity;

    if ((input.onlineOnly ?? current.onlineOnly) && input.location) {
      add('location', 'オンラインのみの活動には場所を指定できません');
    }

    const o = input.openings;
    if (o) {
      const capacity = o.capacity !== undefined ? o.capacity : currentCapacity;
      const taken = o.seatsTaken ?? currentSeatsTaken;
      if (capacity !== null && capacity !== undefined && taken > capacity) {
        add(
          o.capacity !== undefined ? 'openings.capacity' : 'openings.seatsTaken',
          `定員（${capacity}人）は参加中の人数（${taken}人）より少なくできません`,
        );
      }
    }
    const p = input.profile;
    if (p?.minimumMinutes && p.typicalMinutes && p.minimumMinutes > p.typicalMinutes) {
      add('profile.minimumMinutes', '最短の参加時間は1回の時間以下にしてください');
    }
    const e = input.eligibility;
    if (
      e?.minAge !== undefined &&
      e.minAge !== null &&
      e.maxAge !== undefined &&
      e.maxAge !== null &&
      e.minAge > e.maxAge
    ) {
      add('eligibility.maxAge', '対象年齢の上限は下限以上にしてください');
    }
    if (input.details) {
      for (const [key, value] of Object.entries(input.details)) {
        const rule = DETAIL_KINDS[key as keyof ResourceDetailsInput];
        if (value !== undefined && value !== null && rule && !rule.kinds.includes(kind)) {
          add(
            `details.${key}`,
            `「${rule.label}」は${rule.kinds.map((k) => KIND_LABELS[k]).join('・')}にだけ指定できます`,
          );
        }
      }
    }
    input.schedules?.forEach((s, i) => {
      const at = `schedules.${i}`;
      if (s.closesAt <= s.opensAt) add(`${at}.closesAt`, '終了時刻は開始時刻より後にしてください');
      if (!isCalendarDate(s.validFrom))
        add(`${at}.validFrom`, `存在しない日付です: ${s.validFrom}`);
      if (s.validTo && !isCalendarDate(s.validTo))
        add(`${at}.validTo`, `存在しない日付です: ${s.validTo}`);
      else if (s.validTo && s.validTo < s.validFrom)
        add(`${at}.validTo`, '終了日は開始日以降にしてください');
      if (s.freq === ScheduleFrequency.MONTHLY && !s.nth?.length)
        add(`${at}.nth`, '毎月の日程には第何週かを指定してください（例: 第2土曜なら 2）');
      if (s.freq === ScheduleFrequency.WEEKLY && s.nth?.length)
        add(`${at}.nth`, '毎週・隔週の日程には第何週を指定できません。毎月の日程にしてください');
    });
    input.sessions?.forEach((s, i) => {
      if (!isCalendarDate(s.date)) add(`sessions.${i}.date`, `存在しない日付です: ${s.date}`);
      if (s.closesAt <= s.opensAt)
        add(`sessions.${i}.closesAt`, '終了時刻は開始時刻より後にしてください');
    });
    input.closures?.forEach((c, i) => {
      if (!isCalendarDate(c.startsOn))
        add(`closures.${i}.startsOn`, `存在しない日付です: ${c.startsOn}`);
      else if (!isCalendarDate(c.endsOn))
        add(`closures.${i}.endsOn`, `存在しない日付です: ${c.endsOn}`);
      else if (c.endsOn < c.startsOn)
        add(`closures.${i}.endsOn`, '休みの最終日は初日以降にしてください');
    });
    return problems;
  }

  /** The resource's own columns from an input (only what the input sets, on update). */
  private async columnsFrom(
    municipalityId: string,
    input: CreateResourceInput | UpdateResourceInput,
    current: ResourceEntity | null,
    em: EntityManager,
  ): Promise<Partial<ResourceEntity>> {
    const c: Partial<ResourceEntity> = {};
    if (input.description !== undefined) c.description = input.description;
    if (input.details !== undefined) c.details = stripEmpty({ ...(input.details ?? {}) });
    if (input.contact !== undefined) {
      c.contactName = input.contact?.name ?? null;
      c.contactPhone = input.contact?.phone ?? null;
      c.contactEmail = input.contact?.email ?? null;
    }
    if (input.address !== undefined) c.address = input.address;
    if (input.confidentialLocation !== undefined)
      c.confidentialLocation = input.confidentialLocation;
    if (input.onlineOnly !== undefined) c.onlineOnly = input.onlineOnly;
    if (input.onlineOnly) c.location = null;
    if (input.location !== undefined)
      c.location = input.location ? toGeoJSONPoint(input.location) : null;
    if (input.areaId !== undefined || input.location) {
      c.areaId = input.areaId
        ? (await this.areas.requireInMunicipality(municipalityId, input.areaId, em)).id
        : input.location
          ? ((await this.areas.innermostAt(municipalityId, input.location, em))?.id ?? null)
          : (current?.areaId ?? null);
    }
    if (input.openings) {
      const o = input.openings;
      if (o.capacity !== undefined) c.capacity = o.capacity;
      if (o.seatsTaken !== undefined) c.seatsTaken = o.seatsTaken;
      if (o.hasWaitlist !== undefined) c.hasWaitlist = o.hasWaitlist;
      if (o.booking !== undefined) c.booking = o.booking;
    }
    if (input.profile) Object.assign(c, stripUndefined(input.profile));
    if (input.eligibility) Object.assign(c, stripUndefined(input.eligibility));
    if (input.fee) {
      c.feeYen = input.fee.yen;
      c.feeNote = input.fee.note ?? null;
    }
    if (input.tags !== undefined) c.tags = [...new Set(input.tags.filter((t) => t.length > 0))];
    if (input.visibility !== undefined) c.visibility = input.visibility;
    return c;
  }

  private childrenFrom(input: CreateResourceInput | UpdateResourceInput) {
    return {
      themes: input.themes && [...new Set(input.themes)],
      schedules: input.schedules?.map((s) => ({
        freq: s.freq,
        interval: s.interval ?? 1,
        weekdays: [...new Set(s.weekdays)].sort(),
        nth: s.freq === ScheduleFrequency.MONTHLY ? [...new Set(s.nth ?? [])] : null,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        validFrom: s.validFrom,
        validTo: s.validTo ?? null,
        closedOnHolidays: s.closedOnHolidays ?? true,
        note: s.note ?? null,
      })),
      sessions: input.sessions?.map((s) => ({
        date: s.date,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        note: s.note ?? null,
      })),
      closures: input.closures?.map((c) => ({
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        reason: c.reason ?? null,
      })),
    };
  }
}

function stripEmpty(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
}

function checkPeriod(from: Date, to: Date): void {
  if (to <= from) throw BadUserInputException.field('to', '終了日時は開始日時より後にしてください');
  if (to.getTime() - from.getTime() > 400 * 86_400_000)
    throw BadUserInputException.field('to', '期間は400日以内にしてください');
}

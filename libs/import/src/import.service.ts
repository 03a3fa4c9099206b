import {
  CreateResourceInput,
  ResourceKind,
  ResourceService,
  ToConfirm,
  UpdateResourceInput,
  visibilitiesSeenBy,
} from '@app/catalog';
import {
  assertManages,
  BadUserInputException,
  ChangeFeed,
  DomainException,
  RequestContext,
  todayInJapan,
  toFieldErrors,
} from '@app/common';
import { OrganizationService, OrganizationType } from '@app/organization';
import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogRecordsRepository } from './catalog-records.repository';
import {
  CatalogRecord,
  CellProblem,
  cellsOf,
  ColumnKey,
  columnByKey,
  columnForHeader,
  COLUMNS,
  EXPORTED_COLUMNS,
  readRow,
  SheetContext,
} from './catalog-sheet';
import { ImportLinkEntity } from './import.entities';
import { AreaPlace, ImportRepository } from './import.repository';
import { normalizeText, ScheduleDoubt } from './schedule-text';
import { hsdsSheet, isHsdsPackage } from './hsds-reader';
import { readSheet, SheetError } from './sheet-reader';

export enum RowAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
  REJECT = 'REJECT',
}

/** A column the file changes whose value a person has edited since the last import. */
export interface Conflict {
  column: string;
  current: string;
  file: string;
  /** Whether the file's value was written (only when asked to overwrite). */
  overwritten: boolean;
}

export interface RowReport {
  /** The row number as Excel shows it. */
  line: number;
  action: RowAction;
  name: string | null;
  resourceId: string | null;
  errors: CellProblem[];
  warnings: CellProblem[];
  /** The columns an update changes. */
  changed: string[];
  conflicts: Conflict[];
}

export interface ColumnUse {
  header: string;
  /** Our column key, or null when the file's column is not read. */
  column: ColumnKey | null;
}

export interface ImportReport {
  dryRun: boolean;
  format: string;
  headerLine: number;
  mapping: ColumnUse[];
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  conflicts: number;
  rows: RowReport[];
}

export interface ImportRequest {
  municipalityId: string;
  bytes: Buffer;
  /** The file's header → our column key (null: ignore the column); headers not named are guessed. */
  mapping?: Record<string, string | null>;
  /** A saved mapping to start from. */
  mappingName?: string | null;
  /** For files without a 種類 column. */
  defaultKind?: ResourceKind | null;
  dryRun: boolean;
  /** Write the file's value even where a host has edited the field since the last import. */
  overwriteEdits?: boolean;
}

/** Thrown to roll a dry run back once its report is complete. */
interface Place {
  location: { latitude: number; longitude: number } | null;
  areaId: string | null;
  toConfirm: ToConfirm[];
  /** What the report says about it (placed at the area, not found …). */
  warnings: CellProblem[];
}

/** What a row leaves for the next import to compare with. */
interface RowMemory {
  /** The file's cells, as of the last time each column changed in a file. */
  file: Record<string, string>;
  /** Columns a person edited and the import kept: their value as the import last wrote it. */
  keptEdits: Record<string, string>;
}

/** What every row of one file shares. */
interface RowSite {
  municipalityId: string;
  areas: AreaPlace[];
  headers: Partial<Record<ColumnKey, string>>;
  present: Set<keyof CatalogRecord>;
  out: RowReport;
}

const DOUBTS: Record<ScheduleDoubt, ToConfirm> = {
  TIMES_ASSUMED: ToConfirm.SCHEDULE_TIMES,
  START_ASSUMED: ToConfirm.SCHEDULE_START,
};
const SCHEDULE_DOUBTS = Object.values(DOUBTS);
const LOCATION_COLUMNS = ['緯度', '経度', '地区', '住所', 'オンラインのみ'];

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const ORGANIZATION_TYPES: [RegExp, OrganizationType][] = [
  [/NPO|特定非営利/i, OrganizationType.NPO],
  [/社会福祉協議会|社協/, OrganizationType.SOCIAL_WELFARE_COUNCIL],
  [/社会福祉法人/, OrganizationType.SOCIAL_WELFARE_CORPORATION],
  [/自治会|町内会|町会|区会/, OrganizationType.NEIGHBORHOOD_ASSOCIATION],
  [/株式会社|有限会社|合同会社|\(株\)|（株）/, OrganizationType.COMPANY],
  [/寺|神社|教会/, OrganizationType.TEMPLE_OR_SHRINE],
  [/農園|農場|ファーム/, OrganizationType.FARM],
  [/ボランティア/, OrganizationType.VOLUNTEER_GROUP],
  [/病院|クリニック|診療所/, OrganizationType.MEDICAL],
  [/学校|大学|高校|中学/, OrganizationType.SCHOOL],
  [/市役所|区役所|町役場|村役場|市$|町$|村$|課$/, OrganizationType.GOVERNMENT],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const keyText = (text: string | null) =>
  normalizeText(text ?? '')
    .replace(/\s/g, '')
    .toLowerCase();
const nameAddressKey = (name: string, address: string | null) =>
  `na:${keyText(name)}|${keyText(address)}`;

/** Where an input field's error belongs in the spreadsheet. */
const FIELD_COLUMNS: [RegExp, ColumnKey][] = [
  [/^organizationId/, 'organizationName'],
  [/^contact\.name/, 'contactName'],
  [/^contact\.phone/, 'contactPhone'],
  [/^contact\.email/, 'contactEmail'],
  [/^contact/, 'contact'],
  [/^location/, 'latitude'],
  [/^areaId/, 'areaName'],
  [/^openings\.(capacity|seatsTaken)/, 'capacity'],
  [/^openings\.booking/, 'booking'],
  [/^openings\.hasWaitlist/, 'hasWaitlist'],
  [/^eligibility\.(minAge|maxAge)/, 'minAge'],
  [/^eligibility\.(\w+)/, 'targetGroups'],
  [/^fee/, 'feeYen'],
  [/^(schedules|sessions)/, 'scheduleText'],
  [/^closures/, 'closures'],
  [/^(profile|details)\.(\w+)/, 'name'],
];

/**
 * Brings a municipality's own list of places (CSV or Excel) into the catalogue: each row is read,
 * checked by the same rules as a form, and created, updated or rejected with its reasons. A dry
 * run does all of it and rolls back. One bad row never stops the others (each row is a savepoint).
 */
@Injectable()
export class ImportService {
  private readonly log = new Logger(ImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: ImportRepository,
    private readonly records: CatalogRecordsRepository,
    private readonly resources: ResourceService,
    private readonly organizations: OrganizationService,
    private readonly changes: ChangeFeed,
  ) {}

  async run(request: ImportRequest): Promise<ImportReport> {
    assertManages(request.municipalityId);
    const saved = request.mappingName
      ? await this.imports.mappingNamed(request.municipalityId, request.mappingName)
      : null;
    if (request.mappingName && !saved)
      throw BadUserInputException.field(
        'mappingName',
        `保存された対応表「${request.mappingName}」がありません`,
      );
    const explicit = { ...saved?.columns, ...request.mapping };
    const ctx: SheetContext = { today: todayInJapan(), themes: await this.resources.themes() };
    let sheet;
    try {
      sheet = isHsdsPackage(request.bytes)
        ? hsdsSheet(request.bytes, ctx)
        : await readSheet(request.bytes, Object.keys(explicit));
    } catch (e) {
      if (e instanceof SheetError) throw BadUserInputException.field('file', e.message);
      throw e;
    }
    const mapping = this.mappingFor(sheet.headers, explicit);
    const defaultKind = request.defaultKind ?? (saved?.defaultKind as ResourceKind | null) ?? null;
    try {
      return await this.dataSource.transaction(async (em) => {
        const report = await this.apply(request, sheet, mapping, defaultKind, ctx, em);
        if (request.dryRun) throw new DryRun(report);
        return report;
      });
    } catch (e) {
      if (e instanceof DryRun) return e.report;
      throw e;
    }
  }

  /** Each header of the file → our column: as mapped, else recognised, each column used once. */
  private mappingFor(headers: string[], explicit: Record<string, string | null>): ColumnUse[] {
    const used = new Set<ColumnKey>();
    const uses = headers.map((header): ColumnUse => {
      const chosen = header in explicit ? explicit[header] : (columnForHeader(header)?.key ?? null);
      if (chosen !== null && chosen !== undefined && !COLUMNS.some((c) => c.key === chosen))
        throw BadUserInputException.field(
          'mapping',
          `「${header}」の対応先「${chosen}」という列はありません`,
        );
      const column = (chosen ?? null) as ColumnKey | null;
      if (!column || used.has(column)) return { header, column: null };
      used.add(column);
      return { header, column };
    });
    if (!used.has('name'))
      throw BadUserInputException.field(
        'mapping',
        `「名称」にあたる列が見つかりません。見出し: ${headers.filter(Boolean).join('、')}`,
      );
    return uses;
  }

  private async apply(
    request: ImportRequest,
    sheet: Awaited<ReturnType<typeof readSheet>>,
    mapping: ColumnUse[],
    defaultKind: ResourceKind | null,
    ctx: SheetContext,
    em: EntityManager,
  ): Promise<ImportReport> {
    const municipalityId = request.municipalityId;
    const headers: Partial<Record<ColumnKey, string>> = {};
    mapping.forEach((m) => {
      if (m.column) headers[m.column] = m.header;
    });
    const visible = visibilitiesSeenBy(RequestContext.signedIn());
    const areas = await this.imports.areas(municipalityId, em);
    const organizations = new Map(
      (await this.imports.organizations(municipalityId, em)).map((o) => [keyText(o.name), o.id]),
    );
    // Only listings the viewer may see are found again (a coordinator's import never reaches a
    // listing kept inside its organisation).
    const listings = await this.imports.listings(municipalityId, visible, em);
    const byId = new Set(listings.map((l) => l.id));
    const links = new Map(
      (await this.imports.links(municipalityId, em)).map((l) => [l.externalKey, l]),
    );
    const linksByResource = new Map([...links.values()].map((l) => [l.resourceId, l]));
    const byNameAddress = new Map(listings.map((l) => [nameAddressKey(l.name, l.address), l.id]));

    // First pass: read every row and find the listing each one is.
    const seen = new Map<string, number>();
    const claimed = new Map<string, number>();
    const rows = sheet.rows.map((row) => {
      const cells: Partial<Record<ColumnKey, string>> = {};
      mapping.forEach((m, i) => {
        if (m.column) cells[m.column] = row.cells[i] ?? '';
      });
      const read = readRow(cells, headers, ctx, { kind: defaultKind });
      const r = read.record;
      const key = r.externalId ? `id:${keyText(r.externalId)}` : nameAddressKey(r.name, r.address);
      const earlier = seen.get(key);
      if (earlier !== undefined && r.name)
        read.errors.push({
          column: headers[r.externalId ? 'externalId' : 'name'] ?? '名称',
          message: `${earlier}行目と同じ活動です（${r.externalId ? '外部IDが同じ' : '名称と住所が同じ'}）`,
        });
      else seen.set(key, row.line);
      const link = links.get(key);
      if (link && !byId.has(link.resourceId) && !read.errors.length)
        // It was imported as a listing this viewer may not see: refused, not duplicated.
        read.errors.push({
          column: headers[r.externalId ? 'externalId' : 'name'] ?? '名称',
          message:
            '同じ活動が、あなたには見えない公開範囲で登録されています。管理者に確認してください',
        });
      const byIdentifier =
        (link && byId.has(link.resourceId) ? link.resourceId : null) ??
        (r.externalId && UUID.test(r.externalId) && byId.has(r.externalId.toLowerCase())
          ? r.externalId.toLowerCase()
          : null);
      const targetId = byIdentifier ?? byNameAddress.get(nameAddressKey(r.name, r.address)) ?? null;
      // Two rows that are one listing (one by its id, the other by its name and address).
      const claimedBy = targetId ? claimed.get(targetId) : undefined;
      if (claimedBy !== undefined && !read.errors.length)
        read.errors.push({
          column: headers.name ?? '名称',
          message: `${claimedBy}行目と同じ登録済みの活動にあたります。どちらか一方にしてください`,
        });
      else if (targetId) claimed.set(targetId, row.line);
      return { line: row.line, read, key, targetId, byIdentifier: byIdentifier !== null };
    });
    const targets = rows.flatMap((r) => (r.targetId && !r.read.errors.length ? [r.targetId] : []));
    const current = targets.length
      ? await this.records.records(municipalityId, visible, targets, em)
      : new Map<string, CatalogRecord>();

    const report: ImportReport = {
      dryRun: request.dryRun,
      format: sheet.format,
      headerLine: sheet.headerLine,
      mapping,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      conflicts: 0,
      rows: [],
    };
    const remembered: { row: (typeof rows)[number]; resourceId: string; memory: RowMemory }[] = [];
    for (const row of rows) {
      const { read } = row;
      const r = read.record;
      const out: RowReport = {
        line: row.line,
        action: RowAction.REJECT,
        name: r.name || null,
        resourceId: row.targetId,
        errors: read.errors,
        warnings: read.warnings,
        changed: [],
        conflicts: [],
      };
      report.rows.push(out);
      const now = row.targetId ? current.get(row.targetId) : undefined;
      if (!out.errors.length && now && row.byIdentifier) {
        // A renumbered list: the same number on another place. Refuse rather than overwrite it.
        const renamed = keyText(now.name) !== keyText(r.name);
        const moved = read.present.has('address') && keyText(now.address) !== keyText(r.address);
        if (renamed && moved)
          out.errors.push({
            column: headers.externalId ?? '外部ID',
            message: `外部ID「${r.externalId}」は「${now.name}」（${now.address ?? '住所なし'}）のものですが、名称も住所も違います。別の活動なら外部IDを変えてください`,
          });
      }
      if (out.errors.length) {
        out.resourceId = null;
        report.rejected++;
        continue;
      }
      const fileCells = cellsOf(r, ctx);
      const presentColumns = EXPORTED_COLUMNS.filter((c) =>
        c.fills.some((f) => read.present.has(f)),
      );
      const doubts = read.doubts.map((d) => DOUBTS[d]);
      const site: RowSite = { municipalityId, areas, headers, present: read.present, out };
      // Hosts created for this row count only once its savepoint is kept.
      const newHosts = new Map<string, string>();
      try {
        const memory = await em.transaction((tx) =>
          now
            ? this.updateRow(site, r, now, fileCells, presentColumns, doubts, tx, {
                last: linksByResource.get(row.targetId!),
                overwrite: request.overwriteEdits === true,
                ctx,
              })
            : this.createRow(
                site,
                r,
                fileCells,
                presentColumns,
                doubts,
                {
                  known: organizations,
                  created: newHosts,
                },
                tx,
              ),
        );
        newHosts.forEach((id, name) => organizations.set(name, id));
        remembered.push({ row, resourceId: out.resourceId!, memory });
      } catch (e) {
        out.action = RowAction.REJECT;
        out.resourceId = null;
        out.changed = [];
        out.conflicts = [];
        out.errors.push(...this.problemsOf(e, headers));
      }
      if (out.conflicts.length) report.conflicts++;
      if (out.action === RowAction.CREATE) report.created++;
      else if (out.action === RowAction.UPDATE) report.updated++;
      else if (out.action === RowAction.UNCHANGED) report.unchanged++;
      else report.rejected++;
    }
    const written = report.rows.flatMap((r) =>
      r.action === RowAction.CREATE || r.action === RowAction.UPDATE ? [r.resourceId!] : [],
    );
    // The search index and the other listeners, once for every row written (in batches).
    for (let start = 0; start < written.length; start += 500)
      await this.changes.publish({ resourceIds: written.slice(start, start + 500) }, em);
    // What each listing holds now, read back once: the next import tells a person's edit by it.
    const stored = await this.records.records(
      municipalityId,
      visible,
      remembered.map((m) => m.resourceId),
      em,
    );
    const importedAt = new Date();
    await this.imports.saveLinks(
      remembered.map(({ row, resourceId, memory }) => ({
        municipalityId,
        resourceId,
        externalKey: row.key,
        externalId: row.read.record.externalId,
        fileCells: memory.file,
        storedCells: { ...cellsOf(stored.get(resourceId)!, ctx), ...memory.keptEdits },
        importedAt,
      })),
      em,
    );
    if (!request.dryRun)
      this.log.log(
        `import into ${municipalityId}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
      );
    return report;
  }

  /** A new listing (and its host, if the file names one we do not have). */
  private async createRow(
    site: RowSite,
    r: CatalogRecord,
    fileCells: Record<string, string>,
    presentColumns: typeof EXPORTED_COLUMNS,
    doubts: ToConfirm[],
    hosts: { known: Map<string, string>; created: Map<string, string> },
    tx: EntityManager,
  ): Promise<RowMemory> {
    const { municipalityId, out } = site;
    const place = this.placeOf(r, site);
    out.warnings.push(...place.warnings);
    const organizationId = await this.organizationFor(
      r.organizationName,
      municipalityId,
      hosts,
      tx,
    );
    const identity = { municipalityId, organizationId, kind: r.kind, name: r.name };
    const fields = await this.checkedFields(CreateResourceInput, r, place, identity);
    const created = await this.resources.create(
      plainToInstance(CreateResourceInput, { ...identity, ...fields }),
      {
        em: tx,
        imported: this.importedFacts(r, [...place.toConfirm, ...doubts], site.present, true),
        deferChanges: true,
      },
    );
    out.resourceId = created.id;
    out.action = RowAction.CREATE;
    return {
      file: Object.fromEntries(presentColumns.map((c) => [c.header, fileCells[c.header]])),
      keptEdits: {},
    };
  }

  /**
   * Column by column, against what the last import wrote (`stored`) and what its file said
   * (`file`): a value a person has not touched since takes the file's; a value a person has
   * edited stays when the file says what it said before, and is a conflict when the file says
   * something new (written only when asked to overwrite).
   */
  private async updateRow(
    site: RowSite,
    r: CatalogRecord,
    now: CatalogRecord,
    fileCells: Record<string, string>,
    presentColumns: typeof EXPORTED_COLUMNS,
    doubts: ToConfirm[],
    tx: EntityManager,
    opts: { last: ImportLinkEntity | undefined; overwrite: boolean; ctx: SheetContext },
  ): Promise<RowMemory> {
    const { out, headers } = site;
    const nowCells = cellsOf(now, opts.ctx);
    const lastFile = opts.last?.fileCells ?? {};
    const lastStored = opts.last?.storedCells;
    const merged: CatalogRecord = { ...now };
    const memory: RowMemory = { file: { ...lastFile }, keptEdits: {} };
    for (const column of presentColumns) {
      const h = column.header;
      const file = fileCells[h];
      if (file === nowCells[h]) {
        memory.file[h] = file;
        continue;
      }
      const edited = lastStored !== undefined && h in lastStored && lastStored[h] !== nowCells[h];
      if (edited) memory.keptEdits[h] = lastStored[h];
      // The file still says what it said last time: the difference is a person's edit (it
      // stays) or worked out on import (an area found from the point); either way nothing new.
      if (h in lastFile && lastFile[h] === file) continue;
      if (column.key === 'organizationName' || column.key === 'kind') {
        out.warnings.push({
          column: headers[column.key] ?? h,
          message: `${h}の変更は取り込みでは反映しません（現在: ${nowCells[h]}）。画面で変更してください`,
        });
        continue;
      }
      if (edited) {
        out.conflicts.push({
          column: headers[column.key] ?? h,
          current: nowCells[h],
          file,
          overwritten: opts.overwrite,
        });
        // Kept: the next import says so again, until the file or the person gives way.
        if (!opts.overwrite) continue;
        delete memory.keptEdits[h];
      }
      for (const f of column.fills) (merged as unknown as Record<string, unknown>)[f] = r[f];
      memory.file[h] = file;
      out.changed.push(h);
    }
    if (!out.changed.length) {
      out.action = RowAction.UNCHANGED;
      return memory;
    }
    const moved = LOCATION_COLUMNS.some((h) => out.changed.includes(h));
    if (out.changed.includes('住所') && !r.location) {
      // A new address and no coordinates for it: the old point is wrong; place it again.
      merged.location = null;
      if (!site.present.has('areaName')) merged.areaName = null;
    }
    const rescheduled = out.changed.includes('開催日');
    const place = this.placeOf(merged, site);
    // Placing an unchanged location again says nothing and asks nothing new.
    if (moved) out.warnings.push(...place.warnings);
    const toConfirm = [
      ...now.toConfirm.filter(
        (c) =>
          !(moved && c === ToConfirm.PIN_LOCATION) && !(rescheduled && SCHEDULE_DOUBTS.includes(c)),
      ),
      ...(moved ? place.toConfirm : []),
      ...(rescheduled ? doubts : []),
    ];
    const identity = { name: merged.name, status: merged.status };
    const fields = await this.checkedFields(UpdateResourceInput, merged, place, identity);
    await this.resources.update(
      out.resourceId!,
      plainToInstance(UpdateResourceInput, { ...identity, ...fields }),
      {
        em: tx,
        imported: this.importedFacts(merged, toConfirm, site.present),
        deferChanges: true,
      },
    );
    out.action = RowAction.UPDATE;
    return memory;
  }

  /**
   * Where the listing is: its coordinates, else the point of its area (named, or found in the
   * address) with a pin to be placed, else nowhere yet.
   */
  private placeOf(r: CatalogRecord, site: Pick<RowSite, 'areas' | 'headers'>): Place {
    const { areas, headers } = site;
    const warnings: CellProblem[] = [];
    const named = r.areaName
      ? areas.find((a) => keyText(a.name) === keyText(r.areaName))
      : undefined;
    if (r.areaName && !named)
      warnings.push({
        column: headers.areaName ?? '地区',
        message: `地区「${r.areaName}」はこの自治体の地区にありません`,
      });
    const inAddress =
      !named && r.address
        ? areas.find((a) => keyText(r.address).includes(keyText(a.name)))
        : undefined;
    const area = named ?? inAddress ?? null;
    if (r.location || r.onlineOnly)
      return { location: r.location, areaId: named?.id ?? null, toConfirm: [], warnings };
    if (area) {
      warnings.push({
        column: headers.latitude ?? '緯度',
        message: `緯度・経度がないため「${area.name}」の位置に置きました。ホストに地図上の位置の指定を依頼します`,
      });
      return {
        location: { latitude: area.latitude, longitude: area.longitude },
        areaId: area.id,
        toConfirm: [ToConfirm.PIN_LOCATION],
        warnings,
      };
    }
    warnings.push({
      column: headers.address ?? '住所',
      message:
        '位置がわからないため地図には載りません（緯度・経度か地区名を入れてください）。ホストに位置の指定を依頼します',
    });
    return { location: null, areaId: null, toConfirm: [ToConfirm.PIN_LOCATION], warnings };
  }

  /**
   * What an import writes that no form does. A new listing is confirmed on the day its file says,
   * or not at all: a list from a drawer is not a person confirming it today.
   */
  private importedFacts(
    r: CatalogRecord,
    toConfirm: ToConfirm[],
    present: Set<keyof CatalogRecord>,
    creating = false,
  ) {
    return {
      scheduleText: r.scheduleText,
      toConfirm,
      status: r.status,
      statusNote: r.statusNote,
      ...((creating || present.has('lastVerifiedOn')) && {
        lastVerifiedAt: r.lastVerifiedOn ? new Date(`${r.lastVerifiedOn}T00:00:00+09:00`) : null,
      }),
    };
  }

  private async organizationFor(
    name: string,
    municipalityId: string,
    hosts: { known: Map<string, string>; created: Map<string, string> },
    em: EntityManager,
  ): Promise<string> {
    const found = hosts.known.get(keyText(name));
    if (found) return found;
    const type =
      ORGANIZATION_TYPES.find(([pattern]) => pattern.test(name))?.[1] ?? OrganizationType.OTHER;
    const created = await this.organizations.create(
      { municipalityId, name: name.slice(0, 100), type },
      em,
    );
    hosts.created.set(keyText(name), created.id);
    return created.id;
  }

  /**
   * The form's fields from a record, checked by the same validation a form gets, so that a row
   * is refused for the same reasons, named by its column.
   */
  private async checkedFields<T extends object>(
    type: new () => T,
    r: CatalogRecord,
    place: Place,
    identity: object,
  ): Promise<Record<string, unknown>> {
    const fields = {
      description: r.description,
      details: {
        dropIn: r.dropIn,
        mealsServed: r.mealsServed,
        tasks: r.tasks,
        slotsPerSession: r.slotsPerSession,
        hourlyWageYen: r.hourlyWageYen,
        mayLeadToEmployment: r.mayLeadToEmployment,
        sessionCount: r.sessionCount,
        format: r.format,
      },
      contact: { name: r.contactName, phone: r.contactPhone, email: r.contactEmail },
      location: place.location,
      address: r.address,
      ...(place.areaId && { areaId: place.areaId }),
      confidentialLocation: r.confidentialLocation,
      onlineOnly: r.onlineOnly,
      openings: { capacity: r.capacity, hasWaitlist: r.hasWaitlist, booking: r.booking },
      profile: {
        typicalMinutes: r.typicalMinutes,
        minimumMinutes: r.minimumMinutes,
        canGrowGradually: r.canGrowGradually,
        mayJustBeThere: r.mayJustBeThere,
        talkingOptional: r.talkingOptional,
        observationVisit: r.observationVisit,
        supporterMayAccompany: r.supporterMayAccompany,
        groupSize: r.groupSize,
        physicalDemand: r.physicalDemand,
        onlineParticipation: r.onlineParticipation,
        firstTimerFriendly: r.firstTimerFriendly,
      },
      eligibility: {
        minAge: r.minAge,
        maxAge: r.maxAge,
        residency: r.residency,
        targetGroups: r.targetGroups,
        targetGroupsSensitive: r.targetGroupsSensitive,
      },
      fee: { yen: r.feeYen, note: r.feeNote },
      themes: r.themes,
      tags: r.tags,
      visibility: r.visibility,
      schedules: r.schedules.map((s) => ({ ...s, nth: s.freq === 'MONTHLY' ? s.nth : null })),
      sessions: r.sessions,
      closures: r.closures,
    };
    const errors = await validate(plainToInstance(type, { ...identity, ...fields }), {
      whitelist: true,
      forbidNonWhitelisted: false,
    });
    if (errors.length) throw new BadUserInputException(toFieldErrors(errors));
    return fields;
  }

  private problemsOf(e: unknown, headers: Partial<Record<ColumnKey, string>>): CellProblem[] {
    if (e instanceof BadUserInputException) {
      return e.fieldErrors.map((f) => {
        const key = FIELD_COLUMNS.find(([pattern]) => pattern.test(f.field))?.[1] ?? 'name';
        return { column: headers[key] ?? columnByKey(key)?.header ?? f.field, message: f.message };
      });
    }
    if (e instanceof DomainException) return [{ column: '', message: e.message }];
    this.log.error(e);
    return [
      {
        column: '',
        message: 'この行は保存できませんでした（内部エラー）。管理者に連絡してください',
      },
    ];
  }
}

import { BadUserInputException, NotFoundException, Public } from '@app/common';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HsdsPackage } from './hsds-package';
import {
  KIND_TAXONOMY,
  KindCode,
  kindTerms,
  organizationOf,
  PACE_TAXONOMY,
  PaceFlag,
  paceTerms,
  serviceAtLocationOf,
  serviceOf,
  THEME_TAXONOMY,
  themeTerm,
} from './hsds.mapper';
import { HsdsRepository, PageRequest, ServiceFilter } from './hsds.repository';

type Params = Record<string, string | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PER_PAGE = 200;

function pageOf(q: Params): PageRequest {
  const int = (name: string, fallback: number, max: number) => {
    const raw = q[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw BadUserInputException.field(name, `${name}は1〜${max}の整数で指定してください`);
    return n;
  };
  return { page: int('page', 1, 1_000_000), perPage: int('per_page', 50, MAX_PER_PAGE) };
}

/** The HSDS paging fields around a page of contents. */
function paged<T>(contents: T[], total: number, p: PageRequest) {
  const totalPages = Math.max(1, Math.ceil(total / p.perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: p.page,
    size: contents.length,
    first_page: p.page === 1,
    last_page: p.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function uuidOf(q: Params, name: string): string | undefined {
  const v = q[name];
  if (v !== undefined && !UUID.test(v))
    throw BadUserInputException.field(name, `${name}の形式が正しくありません`);
  return v;
}

const bool = (v: string | undefined) => v === 'true' || v === '1';

/**
 * Open Referral HSDS 3.0, read-only (`../shared/hsds/openapi.json`): services, organisations,
 * services at locations, taxonomies and their terms, with the spec's paging and the `search`,
 * `taxonomy_term_id`, `taxonomy_id`, `organization_id` and `modified_after` parameters. Public
 * listings only; a confidential place only at its area, without its host. Our themes and pace
 * attributes are published as two taxonomies of our own.
 */
@Public()
@Controller('hsds')
export class HsdsController {
  constructor(
    private readonly store: HsdsRepository,
    private readonly packages: HsdsPackage,
  ) {}

  @Get()
  about() {
    return {
      version: '3.0',
      profile: 'https://docs.openreferral.org/en/latest/hsds/',
      openapi_url:
        'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
    };
  }

  /** The whole public catalogue as one HSDS JSON document. */
  @Get('export.json')
  async exportJson(@Res() res: Response): Promise<void> {
    res
      .status(200)
      .type('application/json')
      .setHeader('Content-Disposition', 'attachment; filename="hsds.json"')
      .send(JSON.stringify(await this.packages.json()));
  }

  /** The tabular form: a CSV per table and datapackage.json, zipped (with hsds.json too). */
  @Get('export.zip')
  async exportZip(@Res() res: Response): Promise<void> {
    res
      .status(200)
      .type('application/zip')
      .setHeader('Content-Disposition', 'attachment; filename="hsds.zip"')
      .send(Buffer.from(await this.packages.zip()));
  }

  @Get('services')
  async services(@Query() q: Params) {
    const page = pageOf(q);
    const { total, rows } = await this.store.services(await this.serviceFilter(q), page);
    return paged(
      rows.map((r) => serviceOf(r, bool(q.full))),
      total,
      page,
    );
  }

  @Get('services/:id')
  async service(@Param('id') id: string) {
    const [row] = (await this.store.services({ id: this.id(id) }, { page: 1, perPage: 1 })).rows;
    if (!row) throw new NotFoundException('サービス', 'id');
    return serviceOf(row, true);
  }

  @Get('service_at_locations')
  async serviceAtLocations(@Query() q: Params) {
    const page = pageOf(q);
    const { total, rows } = await this.store.services(await this.serviceFilter(q), page);
    return paged(
      rows.map((r) => serviceAtLocationOf(r, bool(q.full))),
      total,
      page,
    );
  }

  @Get('service_at_locations/:id')
  async serviceAtLocation(@Param('id') id: string) {
    // A listing has one place: its service-at-location has the listing's id.
    const [row] = (await this.store.services({ id: this.id(id) }, { page: 1, perPage: 1 })).rows;
    if (!row) throw new NotFoundException('サービスの場所', 'id');
    return serviceAtLocationOf(row, true);
  }

  @Get('organizations')
  async organizations(@Query() q: Params) {
    const page = pageOf(q);
    const { total, rows } = await this.store.organizations({ search: q.search }, page);
    return paged(rows.map(organizationOf), total, page);
  }

  @Get('organizations/:id')
  async organization(@Param('id') id: string) {
    const [row] = (await this.store.organizations({ id: this.id(id) }, { page: 1, perPage: 1 }))
      .rows;
    if (!row) throw new NotFoundException('団体', 'id');
    const services = await this.store.services(
      { organizationId: row.id },
      { page: 1, perPage: MAX_PER_PAGE },
    );
    return { ...organizationOf(row), services: services.rows.map((r) => serviceOf(r)) };
  }

  @Get('taxonomies')
  taxonomies(@Query() q: Params) {
    const page = pageOf(q);
    const all = [KIND_TAXONOMY, THEME_TAXONOMY, PACE_TAXONOMY].filter(
      (t) => !q.search || t.name.includes(q.search),
    );
    return paged(
      all.slice((page.page - 1) * page.perPage, page.page * page.perPage),
      all.length,
      page,
    );
  }

  @Get('taxonomies/:id')
  taxonomy(@Param('id') id: string) {
    const found = [KIND_TAXONOMY, THEME_TAXONOMY, PACE_TAXONOMY].find((t) => t.id === this.id(id));
    if (!found) throw new NotFoundException('分類', 'id');
    return found;
  }

  @Get('taxonomy_terms')
  async taxonomyTerms(@Query() q: Params) {
    const page = pageOf(q);
    const taxonomyId = uuidOf(q, 'taxonomy_id');
    const all = (await this.terms()).filter(
      (t) =>
        (!taxonomyId || t.taxonomy_id === taxonomyId) &&
        (!q.search || t.name.includes(q.search) || t.code.includes(q.search)),
    );
    return paged(
      all.slice((page.page - 1) * page.perPage, page.page * page.perPage),
      all.length,
      page,
    );
  }

  @Get('taxonomy_terms/:id')
  async taxonomyTerm(@Param('id') id: string) {
    const found = (await this.terms()).find((t) => t.id === this.id(id));
    if (!found) throw new NotFoundException('分類の項目', 'id');
    return found;
  }

  private async terms() {
    return [...kindTerms(), ...(await this.store.themes()).map(themeTerm), ...paceTerms()];
  }

  private id(id: string): string {
    if (!UUID.test(id)) throw new NotFoundException('項目', 'id');
    return id.toLowerCase();
  }

  /** The service filters of a request; a taxonomy term is one of our themes or pace attributes. */
  private async serviceFilter(q: Params): Promise<ServiceFilter> {
    const filter: ServiceFilter = {
      search: q.search,
      organizationId: uuidOf(q, 'organization_id'),
    };
    if (q.modified_after !== undefined) {
      const at = new Date(q.modified_after);
      if (Number.isNaN(at.getTime()))
        throw BadUserInputException.field(
          'modified_after',
          'modified_afterは日時（ISO 8601）で指定してください',
        );
      filter.modifiedAfter = at;
    }
    const termId = uuidOf(q, 'taxonomy_term_id');
    if (termId) {
      const term = (await this.terms()).find((t) => t.id === termId);
      if (!term)
        throw BadUserInputException.field('taxonomy_term_id', '分類の項目が見つかりません');
      if (term.taxonomy_id === THEME_TAXONOMY.id) filter.themeCode = term.code;
      else if (term.taxonomy_id === KIND_TAXONOMY.id) filter.kind = term.code as KindCode;
      else filter.paceFlag = term.code as PaceFlag;
    }
    const taxonomyId = uuidOf(q, 'taxonomy_id');
    if (taxonomyId === THEME_TAXONOMY.id) filter.taxonomy = 'theme';
    else if (taxonomyId === PACE_TAXONOMY.id) filter.taxonomy = 'pace';
    // Every service has a kind: filtering by the kind taxonomy leaves them all.
    else if (taxonomyId && taxonomyId !== KIND_TAXONOMY.id)
      throw BadUserInputException.field('taxonomy_id', '分類が見つかりません');
    return filter;
  }
}

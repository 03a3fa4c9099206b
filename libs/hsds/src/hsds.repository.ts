import { likeAnywhere } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KindCode, OrganizationRow, PACE_TERMS, PaceFlag, ServiceRow } from './hsds.mapper';

export interface ServiceFilter {
  id?: string;
  search?: string;
  organizationId?: string;
  themeCode?: string;
  kind?: KindCode;
  paceFlag?: PaceFlag;
  /** Services with any term of one of our taxonomies. */
  taxonomy?: 'theme' | 'pace';
  modifiedAfter?: Date;
}

export interface PageRequest {
  page: number;
  perPage: number;
}

const FLAG_SQL: Record<PaceFlag, string> = {
  may_just_be_there: 'r.may_just_be_there',
  observation_visit: 'r.observation_visit',
  can_grow_gradually: 'r.can_grow_gradually',
  talking_optional: 'r.talking_optional',
  supporter_may_accompany: 'r.supporter_may_accompany',
  first_timer_friendly: 'r.first_timer_friendly',
  online_participation: '(r.online_participation OR r.online_only)',
};

/**
 * What the HSDS API reads: public listings only (PUBLIC, ACTIVE or PAUSED), a confidential place
 * at its area's point, with neither its address nor its host; organisations as the catalogue
 * shows them to anyone.
 */
@Injectable()
export class HsdsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async services(
    f: ServiceFilter,
    page: PageRequest,
  ): Promise<{ total: number; rows: ServiceRow[] }> {
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`r.visibility = 'PUBLIC'`, `r.status IN ('ACTIVE', 'PAUSED')`];
    if (f.id) where.push(`r.id = ${bind(f.id)}::uuid`);
    if (f.search) {
      const like = bind(likeAnywhere(f.search));
      where.push(`(r.name ILIKE ${like} OR r.description ILIKE ${like})`);
    }
    if (f.organizationId)
      where.push(
        `r.organization_id = ${bind(f.organizationId)}::uuid AND NOT r.confidential_location`,
      );
    if (f.themeCode) where.push(`${bind(f.themeCode)} = ANY (r.theme_codes)`);
    if (f.kind) where.push(`r.kind = ${bind(f.kind)}`);
    if (f.paceFlag) where.push(FLAG_SQL[f.paceFlag]);
    if (f.taxonomy === 'theme') where.push('cardinality(r.theme_codes) > 0');
    if (f.taxonomy === 'pace') where.push(`(${Object.values(FLAG_SQL).join(' OR ')})`);
    if (f.modifiedAfter) where.push(`r.updated_at >= ${bind(f.modifiedAfter)}`);
    const flags = PACE_TERMS.map(([code]) => `'${code}', ${FLAG_SQL[code]}`).join(', ');
    const rows = await this.dataSource.query<(ServiceRow & { total: number })[]>(
      `SELECT r.id, r.kind, r.name, r.description, r.status, r.organization_id,
              NOT r.confidential_location AS host_visible,
              (r.online_participation OR r.online_only) AS online, r.online_only,
              r.contact_email, r.contact_phone, r.fee_yen, r.fee_note, r.min_age, r.max_age,
              r.residency, r.updated_at,
              CASE WHEN r.confidential_location THEN NULL ELSE r.address END AS address,
              a.name AS area_name, ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
              (SELECT json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.sort_order, t.code)
                 FROM theme t WHERE t.code = ANY (r.theme_codes)) AS themes,
              -- Rules, then one-off days as a rule valid on that day alone (HSDS has no other form).
              (SELECT json_agg(x ORDER BY x.one_off, x.valid_from, x.id) FROM (
                 SELECT s.id, s.freq, s.interval, s.weekdays, s.nth, s.opens_at, s.closes_at,
                        s.valid_from, s.valid_to, s.note, false AS one_off
                   FROM resource_schedule s WHERE s.resource_id = r.id
                 UNION ALL
                 SELECT d.id, 'WEEKLY', 1, ARRAY[extract(isodow FROM d.date)::int], NULL, d.opens_at,
                        d.closes_at, d.date, d.date, d.note, true
                   FROM resource_session d WHERE d.resource_id = r.id) x) AS schedules,
              json_build_object(${flags}) AS flags,
              count(*) OVER ()::int AS total
         FROM resource r
         LEFT JOIN area a ON a.id = r.area_id
         CROSS JOIN LATERAL (SELECT CASE WHEN r.confidential_location THEN a.label_point
                                         ELSE r.location::geometry END AS pt) p
        WHERE ${where.join(' AND ')}
        ORDER BY r.name, r.id
        LIMIT ${bind(page.perPage)} OFFSET ${bind((page.page - 1) * page.perPage)}`,
      params,
    );
    return {
      total: rows[0]?.total ?? (page.page > 1 ? await this.countServices(f) : 0),
      rows: rows.map((r) => ({ ...r, updated_at: new Date(r.updated_at) })),
    };
  }

  private async countServices(f: ServiceFilter): Promise<number> {
    const { total } = await this.services(f, { page: 1, perPage: 1 });
    return total;
  }

  async organizations(
    f: { id?: string; search?: string },
    page: PageRequest,
  ): Promise<{ total: number; rows: OrganizationRow[] }> {
    const params: unknown[] = [];
    const where = ['true'];
    if (f.id) {
      params.push(f.id);
      where.push(`o.id = $${params.length}::uuid`);
    }
    if (f.search) {
      params.push(likeAnywhere(f.search));
      where.push(`(o.name ILIKE $${params.length} OR o.name_kana ILIKE $${params.length})`);
    }
    params.push(page.perPage, (page.page - 1) * page.perPage);
    const rows = await this.dataSource.query<(OrganizationRow & { total: number })[]>(
      `SELECT o.id, o.name, o.name_kana, o.description, o.email, o.website, o.phone,
              count(*) OVER ()::int AS total
         FROM organization o WHERE ${where.join(' AND ')}
        ORDER BY o.name, o.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { total: rows[0]?.total ?? 0, rows };
  }

  themes(): Promise<{ code: string; label: string }[]> {
    return this.dataSource.query(`SELECT code, label FROM theme ORDER BY sort_order, code`);
  }
}

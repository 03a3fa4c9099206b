import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import {
  KIND_TAXONOMY,
  kindTerms,
  organizationOf,
  PACE_TAXONOMY,
  paceTerms,
  serviceOf,
  THEME_TAXONOMY,
  themeTerm,
} from './hsds.mapper';
import { HsdsRepository } from './hsds.repository';

/** The tables of the tabular form, each with its columns (HSDS field names). */
const TABLES = {
  organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website'],
  services: [
    'id',
    'organization_id',
    'name',
    'description',
    'email',
    'status',
    'fees_description',
    'eligibility_description',
    'minimum_age',
    'maximum_age',
    'last_modified',
  ],
  locations: [
    'id',
    'location_type',
    'organization_id',
    'name',
    'description',
    'latitude',
    'longitude',
  ],
  service_at_locations: ['id', 'service_id', 'location_id'],
  schedules: [
    'id',
    'service_id',
    'valid_from',
    'valid_to',
    'timezone',
    'wkst',
    'freq',
    'interval',
    'byday',
    'opens_at',
    'closes_at',
    'description',
  ],
  phones: ['id', 'organization_id', 'service_id', 'number'],
  cost_options: ['id', 'service_id', 'currency', 'amount', 'amount_description'],
  languages: ['id', 'service_id', 'name', 'code'],
  attributes: ['id', 'link_id', 'link_type', 'link_entity', 'taxonomy_term_id', 'value'],
  taxonomies: ['id', 'name', 'description', 'version'],
  taxonomy_terms: ['id', 'code', 'name', 'description', 'taxonomy', 'taxonomy_id', 'language'],
} as const;
type Table = keyof typeof TABLES;
type Row = Record<string, unknown>;

/** Every public listing at once (the export's page). */
const EVERYTHING = { page: 1, perPage: 1_000_000 };

/**
 * The whole public catalogue as an HSDS package: one JSON document (services fully nested), or
 * the tabular form — one CSV per table and a datapackage.json describing them — in a zip. No
 * municipality is locked in: another system can read it all back.
 */
@Injectable()
export class HsdsPackage {
  constructor(private readonly store: HsdsRepository) {}

  async json() {
    const [{ rows: services }, { rows: organizations }, themes] = await Promise.all([
      this.store.services({}, EVERYTHING),
      this.store.organizations({}, EVERYTHING),
      this.store.themes(),
    ]);
    return {
      version: '3.0',
      exported_at: new Date().toISOString(),
      organizations: organizations.map(organizationOf),
      services: services.map((r) => serviceOf(r, true)),
      taxonomies: [KIND_TAXONOMY, THEME_TAXONOMY, PACE_TAXONOMY],
      taxonomy_terms: [...kindTerms(), ...themes.map(themeTerm), ...paceTerms()],
    };
  }

  async zip(): Promise<Uint8Array> {
    const data = await this.json();
    const tables: Record<Table, Row[]> = {
      organizations: data.organizations,
      services: data.services,
      locations: data.services.flatMap((s) =>
        (s.service_at_locations ?? []).map((x) => x.location),
      ),
      service_at_locations: data.services.flatMap((s) => s.service_at_locations ?? []),
      schedules: data.services.flatMap((s) => s.schedules ?? []),
      phones: [
        ...data.organizations.flatMap((o) => o.phones ?? []),
        ...data.services.flatMap((s) => s.phones ?? []),
      ],
      cost_options: data.services.flatMap((s) => s.cost_options ?? []),
      languages: data.services.flatMap((s) => s.languages ?? []),
      attributes: data.services.flatMap((s) => s.attributes ?? []),
      taxonomies: data.taxonomies,
      taxonomy_terms: data.taxonomy_terms,
    };
    const files: Record<string, Uint8Array> = {};
    const resources = (Object.keys(TABLES) as Table[]).map((table) => {
      const columns = TABLES[table];
      files[`${table}.csv`] = strToU8(
        stringify(
          tables[table].map((row) => columns.map((c) => row[c] ?? '')),
          { header: true, columns: [...columns] },
        ),
      );
      return {
        name: table,
        path: `${table}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: { fields: columns.map((name) => ({ name })) },
      };
    });
    files['datapackage.json'] = strToU8(
      JSON.stringify(
        {
          name: 'tsunagu-hsds',
          profile: 'tabular-data-package',
          title: 'Open Referral HSDS 3.0 export',
          created: data.exported_at,
          resources,
        },
        null,
        2,
      ),
    );
    files['hsds.json'] = strToU8(JSON.stringify(data));
    return zipSync(files);
  }
}

import { ResourceKind } from '@app/catalog';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { Meilisearch, type Index } from 'meilisearch';
import { DataSource } from 'typeorm';
import type { SearchDocument } from '../document/search-document';
import {
  FacetCount,
  FacetName,
  SearchEngine,
  SearchRequest,
  SearchResult,
  SearchSort,
} from '../search.port';
import { normalize } from '../text/normalize';
import { SYNONYM_GROUPS } from '../text/synonyms.data';
import { meiliFilter } from './meili-filter';

export const MEILI_INDEX = 'resources';
const FACETS: Record<string, FacetName> = {
  kind: FacetName.KIND,
  areaIds: FacetName.AREA,
  themeCodes: FacetName.THEME,
  weekdays: FacetName.WEEKDAY,
};
const KIND_LABELS: Record<ResourceKind, string> = {
  IBASHO: '居場所',
  VOLUNTEER: 'ボランティア',
  WORK_PLACEMENT: '就労体験',
  PROGRAM: 'プログラム',
};
const WEEKDAY_LABELS = ['', '月', '火', '水', '木', '金', '土', '日'];

/** The index settings: searchable fields by weight, filters, sorts, Japanese, our synonyms. */
export function meiliSettings() {
  const synonyms: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const word of group) {
      synonyms[word] = [
        ...new Set([...(synonyms[word] ?? []), ...group.filter((w) => w !== word)]),
      ];
    }
  }
  return {
    searchableAttributes: ['name', 'themes', 'context', 'description'],
    filterableAttributes: [
      'municipalityId',
      'kind',
      'status',
      'visibility',
      'organizationId',
      'confidentialLocation',
      'areaIds',
      'themeCodes',
      'weekdays',
      'feeYen',
      'hasOpenSeats',
      'lastVerifiedAt',
      'flags',
      '_geo',
    ],
    sortableAttributes: ['name', '_geo'],
    localizedAttributes: [
      { attributePatterns: ['name', 'themes', 'context', 'description'], locales: ['jpn'] },
    ],
    synonyms,
    pagination: { maxTotalHits: 10_000 },
    typoTolerance: { minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  };
}

/** A search document as Meilisearch stores it. */
export function toMeiliDocument(d: SearchDocument) {
  return {
    id: d.id,
    municipalityId: d.municipalityId,
    kind: d.kind,
    status: d.status,
    visibility: d.visibility,
    organizationId: d.organizationId,
    confidentialLocation: d.confidentialLocation,
    name: d.text.name,
    nameFolded: normalize(d.text.name),
    themes: d.text.themes,
    context: d.text.context,
    description: d.text.description,
    themeCodes: d.themeCodes,
    areaIds: d.areaIds,
    weekdays: d.weekdays,
    feeYen: d.feeYen,
    hasOpenSeats: d.hasOpenSeats,
    lastVerifiedAt: d.lastVerifiedAt,
    flags: d.flags,
    _geo: d.point,
  };
}

/**
 * Meilisearch through its official client. The index holds only what every viewer of a row may
 * know (SearchDocument); tenant and visibility are part of every filter.
 */
@Injectable()
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;
  private settingsApplied = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.client = new Meilisearch({
      host: config.search.meiliUrl ?? 'http://127.0.0.1:7700',
      apiKey: config.search.meiliApiKey,
      timeout: 5000,
    });
  }

  /**
   * Occurrence windows need the schedule rules and holidays, and an insider's spatial filter
   * needs confidential points the index never holds: those searches go to the built-in engine.
   */
  supports(req: SearchRequest): boolean {
    const f = req.filter;
    if (f.openAt || f.openBetween || f.weekly) return false;
    const spatial = f.near || f.bbox || req.origin;
    return !(spatial && req.viewer.kind !== 'ANONYMOUS');
  }

  private async index(): Promise<Index> {
    const index = this.client.index(MEILI_INDEX);
    if (!this.settingsApplied) {
      await this.client.createIndex(MEILI_INDEX, { primaryKey: 'id' }).waitTask();
      await index.updateSettings(meiliSettings()).waitTask();
      this.settingsApplied = true;
    }
    return index;
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    const index = await this.index();
    const task = await index.addDocuments(docs.map(toMeiliDocument)).waitTask();
    if (task.status !== 'succeeded')
      throw new Error(`Meilisearch task ${task.status}: ${task.error?.message ?? ''}`);
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const index = await this.index();
    await index.deleteDocuments(ids).waitTask();
  }

  async clear(): Promise<void> {
    const index = await this.index();
    await index.deleteAllDocuments().waitTask();
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const index = await this.index();
    const sort =
      req.sort === SearchSort.DISTANCE && req.origin
        ? [`_geoPoint(${req.origin.latitude}, ${req.origin.longitude}):asc`]
        : req.sort === SearchSort.NAME
          ? ['name:asc']
          : undefined;
    const response = await index.search(req.query, {
      filter: meiliFilter(req),
      sort,
      offset: req.offset,
      limit: req.limit + 1,
      facets: Object.keys(FACETS),
      showRankingScore: true,
      matchingStrategy: 'all',
      attributesToRetrieve: ['id', '_geo'],
    });
    const hits = response.hits.slice(0, req.limit).map((h) => ({
      id: String(h.id),
      score: req.query ? (h._rankingScore ?? null) : null,
      distanceMeters: typeof h._geoDistance === 'number' ? Math.round(h._geoDistance) : null,
    }));
    const distribution = response.facetDistribution ?? {};
    return {
      hits,
      hasNextPage: response.hits.length > req.limit,
      total: () => Promise.resolve(response.estimatedTotalHits ?? hits.length),
      facets: () => this.facetCounts(distribution),
    };
  }

  private async facetCounts(
    distribution: Record<string, Record<string, number>>,
  ): Promise<FacetCount[]> {
    const areaIds = Object.keys(distribution.areaIds ?? {});
    const themeCodes = Object.keys(distribution.themeCodes ?? {});
    const labels = new Map<string, string>();
    if (areaIds.length) {
      const rows: { id: string; name: string }[] = await this.dataSource.query(
        'SELECT id::text, name FROM area WHERE id = ANY($1::uuid[])',
        [areaIds],
      );
      rows.forEach((r) => labels.set(`AREA:${r.id}`, r.name));
    }
    if (themeCodes.length) {
      const rows: { code: string; label: string }[] = await this.dataSource.query(
        'SELECT code, label FROM theme WHERE code = ANY($1::text[])',
        [themeCodes],
      );
      rows.forEach((r) => labels.set(`THEME:${r.code}`, r.label));
    }
    return Object.entries(FACETS).flatMap(([attribute, facet]) =>
      Object.entries(distribution[attribute] ?? {})
        .map(([value, count]) => ({
          facet,
          value,
          count,
          label:
            facet === FacetName.KIND
              ? KIND_LABELS[value as ResourceKind]
              : facet === FacetName.WEEKDAY
                ? WEEKDAY_LABELS[Number(value)]
                : (labels.get(`${facet}:${value}`) ?? null),
        }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            byCodePoint(a.label ?? '', b.label ?? '') ||
            byCodePoint(a.value, b.value),
        ),
    );
  }
}

/** The order PostgreSQL's "C" collation gives, so both engines list facets alike. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

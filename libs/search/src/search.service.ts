import { ResourceEntity, ResourceService } from '@app/catalog';
import {
  APP_CONFIG,
  AppConfig,
  BadUserInputException,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  RequestContext,
  resolveMunicipalityId,
} from '@app/common';
import { AreaService } from '@app/municipality';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { BuiltinSearchEngine } from './builtin/builtin-engine';
import { VocabularyRepository } from './builtin/vocabulary.repository';
import { SearchResourcesArgs } from './dto/search.args';
import { MeiliSearchEngine } from './meili/meili-engine';
import { SearchHit, SearchRequest, SearchResult, SearchSort } from './search.port';
import { keepableQuery, SearchMissRepository } from './store/search-miss.repository';
import { highlight } from './text/highlight';
import { normalize } from './text/normalize';
import { parseQuery, queryLexemes, QueryTerm } from './text/tokens';

/** Furthest a client may page into one result list. */
const MAX_OFFSET = 10_000;
const SNIPPET_LENGTH = 80;
/** After a failure, the external engine is left alone this long (searches use the built-in one). */
const COOL_DOWN_MS = 30_000;

export interface SearchOutcome {
  hits: {
    entity: ResourceEntity;
    hit: SearchHit;
    cursor: string;
    name: string;
    snippet: string | null;
  }[];
  result: SearchResult;
  engine: string;
}

@Injectable()
export class SearchService {
  private readonly logger = new Logger(SearchService.name);
  private externalDownUntil = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ResourceService,
    private readonly areas: AreaService,
    private readonly builtin: BuiltinSearchEngine,
    private readonly vocabulary: VocabularyRepository,
    private readonly misses: SearchMissRepository,
    @Optional() @Inject(MeiliSearchEngine) private readonly meili: MeiliSearchEngine | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(args: SearchResourcesArgs): Promise<SearchOutcome> {
    const near = args.near;
    const filter = {
      ...(args.filter ?? {}),
      ...(near?.radiusMeters !== undefined && {
        near: {
          latitude: near.latitude,
          longitude: near.longitude,
          radiusMeters: near.radiusMeters,
        },
      }),
    };
    this.catalogue.checkFilter(filter);
    const query = args.query ?? '';
    const terms = parseQuery(query);
    const sort =
      args.sort ??
      (terms.length ? SearchSort.RELEVANCE : near ? SearchSort.DISTANCE : SearchSort.NAME);
    if (sort === SearchSort.DISTANCE && !near)
      throw BadUserInputException.field('sort', '距離順に並べるには地点（near）を指定してください');
    if (sort === SearchSort.RELEVANCE && !terms.length)
      throw BadUserInputException.field('sort', '関連度順に並べるには検索語を入力してください');
    const offset = args.after ? decodeOffset(args.after) : 0;
    const request: SearchRequest = {
      municipalityId: resolveMunicipalityId(args.municipalityId),
      viewer: RequestContext.viewer(),
      filter,
      staleBefore: this.catalogue.staleBefore(),
      query,
      terms,
      folded: normalize(query),
      origin: near ? { latitude: near.latitude, longitude: near.longitude } : null,
      sort,
      offset,
      limit: args.first ?? DEFAULT_PAGE_SIZE,
    };

    let used = request;
    let { result, engine } = await this.run(request);
    if (!result.hits.length && offset === 0 && terms.length) {
      // Nothing found: try the words the listings use that are one or two typos away, then
      // fewer words (the last ones dropped first), as a person rephrasing would.
      const retry = await this.forgiving(request);
      if (retry) ({ result, engine, request: used } = retry);
      else await this.recordMiss(request, query);
    }
    const entities = await this.load(result.hits.map((h) => h.id));
    const hits = result.hits.flatMap((hit, i) => {
      const entity = entities.get(hit.id);
      if (!entity) return [];
      return [
        {
          entity,
          hit,
          cursor: encodeCursor({ key: offset + i + 1, id: hit.id }),
          name: highlight(entity.name, used.terms) ?? '',
          snippet: highlight(entity.description, used.terms, SNIPPET_LENGTH),
        },
      ];
    });
    return { hits, result, engine };
  }

  /** The configured engine when it can answer; the built-in one otherwise or when it fails. */
  private async run(request: SearchRequest): Promise<{ result: SearchResult; engine: string }> {
    const external = this.config.search.engine === 'meilisearch' ? this.meili : null;
    if (external && Date.now() >= this.externalDownUntil && external.supports(request)) {
      try {
        return { result: await external.search(request), engine: external.name };
      } catch (error) {
        this.externalDownUntil = Date.now() + COOL_DOWN_MS;
        this.logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'Search engine unavailable; answering with the built-in engine',
        );
      }
    }
    return { result: await this.builtin.search(request), engine: this.builtin.name };
  }

  private async forgiving(
    request: SearchRequest,
  ): Promise<{ result: SearchResult; engine: string; request: SearchRequest } | null> {
    const corrected = await Promise.all(request.terms.map((t) => this.withCorrections(t, request)));
    const attempts: QueryTerm[][] = [];
    if (corrected.some((t, i) => t !== request.terms[i])) attempts.push(corrected);
    for (let n = corrected.length - 1; n >= 1; n--) attempts.push(corrected.slice(0, n));
    for (const terms of attempts) {
      const text = terms.map((t) => t.text).join(' ');
      const retry = { ...request, terms, query: text, folded: text };
      const outcome = await this.run(retry);
      if (outcome.result.hits.length) return { ...outcome, request: retry };
    }
    return null;
  }

  private async withCorrections(term: QueryTerm, request: SearchRequest): Promise<QueryTerm> {
    const last = term === request.terms[request.terms.length - 1];
    const words = await this.vocabulary.corrections(term.text);
    if (!words.length) return term;
    return {
      ...term,
      alternatives: [...term.alternatives, ...words.map((w) => queryLexemes(w, last))],
    };
  }

  private async recordMiss(request: SearchRequest, query: string): Promise<void> {
    try {
      const { near, bbox, ...filters } = request.filter;
      const area =
        request.filter.areaId ??
        (request.origin
          ? ((await this.areas.innermostAt(request.municipalityId, request.origin))?.id ?? null)
          : null);
      await this.misses.record({
        municipalityId: request.municipalityId,
        query: keepableQuery(query),
        filters: { ...filters, ...(near && { near: 'area' }), ...(bbox && { bbox: 'map' }) },
        areaId: area,
      });
    } catch (error) {
      // The search itself succeeded; losing one indicator row must not fail it.
      this.logger.warn({ error: String(error) }, 'Could not record a search that found nothing');
    }
  }

  private async load(ids: string[]): Promise<Map<string, ResourceEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.getRepository(ResourceEntity).findBy({ id: In(ids) });
    return new Map(rows.map((r) => [r.id, r]));
  }
}

function decodeOffset(cursor: string): number {
  const { key } = decodeCursor(cursor);
  if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > MAX_OFFSET)
    throw BadUserInputException.field(
      'after',
      'ページの位置（カーソル）が正しくありません。最初のページから読み直してください',
    );
  return key;
}

import type { ResourceFilter } from '@app/catalog';
import type { Viewer } from '@app/common';
import type { QueryTerm } from './text/tokens';

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  DISTANCE = 'DISTANCE',
  NAME = 'NAME',
}

export enum FacetName {
  KIND = 'KIND',
  AREA = 'AREA',
  THEME = 'THEME',
  WEEKDAY = 'WEEKDAY',
}

/** A search as every engine receives it: already validated, parsed and scoped to one tenant. */
export interface SearchRequest {
  municipalityId: string;
  viewer: Viewer;
  filter: ResourceFilter;
  staleBefore: Date;
  /** The free text as typed (engines with their own analysis read this). */
  query: string;
  /** Parsed free text; empty lists by the filters alone. */
  terms: QueryTerm[];
  /** The whole query folded, for whole-phrase ranking. */
  folded: string;
  /** Distance is measured from here (radius filtering is `filter.near`). */
  origin: { latitude: number; longitude: number } | null;
  sort: SearchSort;
  offset: number;
  limit: number;
}

export interface SearchHit {
  id: string;
  score: number | null;
  distanceMeters: number | null;
}

export interface FacetCount {
  facet: FacetName;
  value: string;
  label: string | null;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  hasNextPage: boolean;
  /** Counted only when asked for. */
  total: () => Promise<number>;
  facets: () => Promise<FacetCount[]>;
}

/** A search engine behind the port: the built-in PostgreSQL one, or Meilisearch. */
export interface SearchEngine {
  readonly name: string;
  /** False when this engine cannot express the request (the service then uses the built-in one). */
  supports(request: SearchRequest): boolean;
  search(request: SearchRequest): Promise<SearchResult>;
}

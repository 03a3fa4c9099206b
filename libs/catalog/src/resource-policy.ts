import type { Viewer } from '@app/common';
import { Visibility } from './catalog.enums';

/** What a viewer may see of one resource they can list. */
export interface ResourceAccess {
  /** The exact point and address; otherwise only the area's representative point. */
  exactLocation: boolean;
  /** Target groups marked sensitive (they would label people). */
  sensitiveDetails: boolean;
  /** The municipality's staff or the host itself: what is left to confirm, notes for insiders. */
  inside: boolean;
}

interface Owned {
  municipalityId: string;
  organizationId: string;
  confidentialLocation: boolean;
  targetGroupsSensitive: boolean;
}

/**
 * Staff of the resource's municipality and members of its organisation are "inside"; everyone
 * else sees it as the public does.
 */
function isInside(viewer: Viewer, r: Pick<Owned, 'municipalityId' | 'organizationId'>): boolean {
  switch (viewer.kind) {
    case 'ANONYMOUS':
      return false;
    case 'COORDINATOR':
    case 'ADMIN':
      return viewer.municipalityId === r.municipalityId;
    case 'HOST':
      return viewer.organizationIds.includes(r.organizationId);
  }
}

export function accessTo(viewer: Viewer, r: Owned): ResourceAccess {
  const inside = isInside(viewer, r);
  return {
    exactLocation: inside || !r.confidentialLocation,
    sensitiveDetails: inside || !r.targetGroupsSensitive,
    inside,
  };
}

/** The same rule as `visibleTo`, for one row already read (e.g. locked for a write). */
export function isVisibleTo(
  viewer: Viewer,
  r: Pick<Owned, 'municipalityId' | 'organizationId'> & { visibility: Visibility },
): boolean {
  if (r.visibility === Visibility.PUBLIC) return true;
  switch (viewer.kind) {
    case 'ANONYMOUS':
      return false;
    case 'COORDINATOR':
      return viewer.municipalityId === r.municipalityId && r.visibility === Visibility.PROFESSIONAL;
    case 'ADMIN':
      return viewer.municipalityId === r.municipalityId;
    case 'HOST':
      return viewer.organizationIds.includes(r.organizationId);
  }
}

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** Which resources a viewer may list: PUBLIC for all; PROFESSIONAL for coordinators; all of one's own. */
export function visibleTo(viewer: Viewer, alias = 'r'): SqlCondition {
  const pub = `${alias}.visibility = '${Visibility.PUBLIC}'`;
  switch (viewer.kind) {
    case 'ANONYMOUS':
      return { sql: pub, params: {} };
    case 'COORDINATOR':
      return {
        sql: `(${pub} OR (${alias}.municipality_id = :viewerMunicipalityId AND ${alias}.visibility = '${Visibility.PROFESSIONAL}'))`,
        params: { viewerMunicipalityId: viewer.municipalityId },
      };
    case 'ADMIN':
      return {
        sql: `(${pub} OR ${alias}.municipality_id = :viewerMunicipalityId)`,
        params: { viewerMunicipalityId: viewer.municipalityId },
      };
    case 'HOST':
      return viewer.organizationIds.length
        ? {
            sql: `(${pub} OR ${alias}.organization_id IN (:...viewerOrganizationIds))`,
            params: { viewerOrganizationIds: [...viewer.organizationIds] },
          }
        : { sql: pub, params: {} };
  }
}

/**
 * The visibilities a member of staff sees in their own municipality (an admin all of them, a
 * coordinator no listing kept inside its organisation); the public's otherwise.
 */
export function visibilitiesSeenBy(viewer: Viewer): Visibility[] {
  if (viewer.kind === 'ADMIN')
    return [Visibility.PUBLIC, Visibility.PROFESSIONAL, Visibility.PRIVATE];
  if (viewer.kind === 'COORDINATOR') return [Visibility.PUBLIC, Visibility.PROFESSIONAL];
  return [Visibility.PUBLIC];
}

/** Rows whose exact point the viewer may see (for spatial filters that must not leak it). */
export function exactLocationVisibleTo(viewer: Viewer, alias = 'r'): SqlCondition {
  const notConfidential = `NOT ${alias}.confidential_location`;
  switch (viewer.kind) {
    case 'ANONYMOUS':
      return { sql: notConfidential, params: {} };
    case 'COORDINATOR':
    case 'ADMIN':
      return {
        sql: `(${notConfidential} OR ${alias}.municipality_id = :viewerMunicipalityId)`,
        params: { viewerMunicipalityId: viewer.municipalityId },
      };
    case 'HOST':
      return viewer.organizationIds.length
        ? {
            sql: `(${notConfidential} OR ${alias}.organization_id IN (:...viewerOrganizationIds))`,
            params: { viewerOrganizationIds: [...viewer.organizationIds] },
          }
        : { sql: notConfidential, params: {} };
  }
}

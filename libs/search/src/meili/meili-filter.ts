import { PROFILE_FLAGS, ResourceStatus, Visibility } from '@app/catalog';
import type { SearchRequest } from '../search.port';

const q = (value: string | number) => JSON.stringify(value);
const list = (values: readonly (string | number)[]) => `[${values.map(q).join(', ')}]`;

/**
 * The request's tenant, visibility and filters as a Meilisearch filter expression, mirroring
 * ResourceRepository.filtered (resource-policy.ts) rule for rule; values are always quoted.
 */
export function meiliFilter(req: SearchRequest): string {
  const f = req.filter;
  const v = req.viewer;
  const parts: string[] = [`municipalityId = ${q(req.municipalityId)}`];
  const pub = `visibility = ${q(Visibility.PUBLIC)}`;
  let inside: string | null = null;
  switch (v.kind) {
    case 'ANONYMOUS':
      parts.push(pub);
      break;
    case 'COORDINATOR':
      inside = `municipalityId = ${q(v.municipalityId)}`;
      parts.push(`(${pub} OR (${inside} AND visibility = ${q(Visibility.PROFESSIONAL)}))`);
      break;
    case 'ADMIN':
      inside = `municipalityId = ${q(v.municipalityId)}`;
      parts.push(`(${pub} OR ${inside})`);
      break;
    case 'HOST':
      if (v.organizationIds.length) {
        inside = `organizationId IN ${list(v.organizationIds)}`;
        parts.push(`(${pub} OR ${inside})`);
      } else parts.push(pub);
      break;
  }
  const statuses = f.statuses?.length ? f.statuses : [ResourceStatus.ACTIVE, ResourceStatus.PAUSED];
  parts.push(`status IN ${list(statuses)}`);
  if (f.kinds?.length) parts.push(`kind IN ${list(f.kinds)}`);
  if (f.visibilities?.length) parts.push(`visibility IN ${list(f.visibilities)}`);
  if (f.organizationId) {
    const hostKnown = inside
      ? `(confidentialLocation = false OR ${inside})`
      : 'confidentialLocation = false';
    parts.push(`organizationId = ${q(f.organizationId)} AND ${hostKnown}`);
  }
  if (f.areaId) parts.push(`areaIds = ${q(f.areaId)}`);
  if (f.themes?.length) parts.push(`themeCodes IN ${list(f.themes)}`);
  for (const [flag] of PROFILE_FLAGS) if (f[flag] === true) parts.push(`flags.${flag} = true`);
  if (f.hasOpenSeats) parts.push('hasOpenSeats = true');
  if (f.freeOfCharge) parts.push('feeYen = 0');
  if (f.maxFeeYen !== undefined) parts.push(`feeYen <= ${Number(f.maxFeeYen)}`);
  if (f.staleOnly)
    parts.push(`(lastVerifiedAt IS NULL OR lastVerifiedAt < ${req.staleBefore.getTime()})`);
  // The index holds only the point everyone may know (a confidential place's area).
  if (f.near)
    parts.push(
      `_geoRadius(${Number(f.near.latitude)}, ${Number(f.near.longitude)}, ${Number(f.near.radiusMeters)})`,
    );
  if (f.bbox) {
    const b = f.bbox;
    parts.push(
      `_geoBoundingBox([${Number(b.maxLatitude)}, ${Number(b.maxLongitude)}], [${Number(b.minLatitude)}, ${Number(b.minLongitude)}])`,
    );
  }
  return parts.join(' AND ');
}

import { ResourceKind, ResourceStatus } from '@app/catalog';
import { ANONYMOUS } from '@app/common';
import { SearchRequest, SearchSort } from '../search.port';
import { meiliFilter } from './meili-filter';

const base = (over: Partial<SearchRequest> = {}): SearchRequest => ({
  municipalityId: '6f1b3c3e-8a8e-4a57-9a55-0d2f1d8e2a11',
  viewer: ANONYMOUS,
  filter: {},
  staleBefore: new Date('2026-05-01T00:00:00Z'),
  terms: [],
  folded: '',
  query: '',
  origin: null,
  sort: SearchSort.NAME,
  offset: 0,
  limit: 20,
  ...over,
});

describe('Meilisearch filter', () => {
  it('scopes an anonymous search to the tenant and public listings', () => {
    expect(meiliFilter(base())).toBe(
      'municipalityId = "6f1b3c3e-8a8e-4a57-9a55-0d2f1d8e2a11" AND visibility = "PUBLIC" AND status IN ["ACTIVE", "PAUSED"]',
    );
  });

  it('never matches a confidential place by its host for outsiders', () => {
    const filter = meiliFilter(base({ filter: { organizationId: 'org-1' } }));
    expect(filter).toContain('organizationId = "org-1" AND confidentialLocation = false');
  });

  it('lets a coordinator see professional listings of their own municipality only', () => {
    const filter = meiliFilter(
      base({
        viewer: {
          kind: 'COORDINATOR',
          userId: '00000000-0000-4000-8000-000000000001',
          municipalityId: 'm-2',
          teamId: null,
          areaIds: [],
        },
      }),
    );
    expect(filter).toContain(
      '(visibility = "PUBLIC" OR (municipalityId = "m-2" AND visibility = "PROFESSIONAL"))',
    );
  });

  it('quotes every value, so a theme code cannot break out of the expression', () => {
    const filter = meiliFilter(base({ filter: { themes: ['A" OR visibility = "PRIVATE'] } }));
    expect(filter).toContain('themeCodes IN ["A\\" OR visibility = \\"PRIVATE"]');
  });

  it('expresses flags, fees, staleness and the map box', () => {
    const filter = meiliFilter(
      base({
        filter: {
          kinds: [ResourceKind.IBASHO],
          statuses: [ResourceStatus.ACTIVE],
          mayJustBeThere: true,
          freeOfCharge: true,
          staleOnly: true,
          bbox: { minLongitude: 139.1, minLatitude: 35.1, maxLongitude: 139.2, maxLatitude: 35.2 },
        },
      }),
    );
    expect(filter).toContain('kind IN ["IBASHO"]');
    expect(filter).toContain('flags.mayJustBeThere = true');
    expect(filter).toContain('feeYen = 0');
    expect(filter).toContain(`lastVerifiedAt < ${Date.parse('2026-05-01T00:00:00Z')}`);
    expect(filter).toContain('_geoBoundingBox([35.2, 139.2], [35.1, 139.1])');
  });
});

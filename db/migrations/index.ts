import { Spine1795379669972 } from './1795379669972-Spine';

import { Catalog1795382457179 } from './1795382457179-Catalog';
import { Search1795400000000 } from './1795400000000-Search';
import { SearchIndexTuning1795469194510 } from './1795469194510-SearchIndexTuning';
import { SearchKind1795472043484 } from './1795472043484-SearchKind';
import { Identity1795500000000 } from './1795500000000-Identity';
import { Matching1795600000000 } from './1795600000000-Matching';
import { MatchingAtScale1795700000000 } from './1795700000000-MatchingAtScale';
import { ListingIndex1795800000000 } from './1795800000000-ListingIndex';
import { Referrals1795900000000 } from './1795900000000-Referrals';
import { Accompaniment1796000000000 } from './1796000000000-Accompaniment';
import { Indicators1796100000000 } from './1796100000000-Indicators';
import { CatalogImport1796200000000 } from './1796200000000-CatalogImport';
import { HelpOffers1796300000000 } from './1796300000000-HelpOffers';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const ALL_MIGRATIONS = [
  Spine1795379669972,
  Catalog1795382457179,
  Search1795400000000,
  SearchIndexTuning1795469194510,
  SearchKind1795472043484,
  Identity1795500000000,
  Matching1795600000000,
  MatchingAtScale1795700000000,
  ListingIndex1795800000000,
  Referrals1795900000000,
  Accompaniment1796000000000,
  Indicators1796100000000,
  CatalogImport1796200000000,
  HelpOffers1796300000000,
];

import {
  ClosureEntity,
  HolidayEntity,
  HostNeedEntity,
  ResourceEntity,
  ResourceThemeEntity,
  ScheduleEntity,
  SessionEntity,
  ThemeEntity,
} from '@app/catalog';
import { AuditLogEntity } from '@app/audit';
import { CANDIDATE_ENTITIES } from '@app/candidate';
import { IDENTITY_ENTITIES } from '@app/identity';
import { IMPORT_ENTITIES } from '@app/import';
import { MatchingSettingsEntity, MatchMissEntity } from '@app/matching';
import { AreaEntity, MunicipalityEntity } from '@app/municipality';
import { NotificationEntity } from '@app/notification';
import { OrganizationEntity } from '@app/organization';
import { REFERRAL_ENTITIES } from '@app/referral';
import { SEARCH_ENTITIES } from '@app/search';
import { HelpOfferEntity } from '@app/volunteer';

/** Every TypeORM entity of the platform; the schema check compares these with the migrations. */
export const ALL_ENTITIES = [
  MunicipalityEntity,
  AreaEntity,
  OrganizationEntity,
  ResourceEntity,
  ScheduleEntity,
  SessionEntity,
  ClosureEntity,
  HolidayEntity,
  ThemeEntity,
  ResourceThemeEntity,
  HostNeedEntity,
  ...SEARCH_ENTITIES,
  ...IDENTITY_ENTITIES,
  AuditLogEntity,
  ...CANDIDATE_ENTITIES,
  MatchingSettingsEntity,
  MatchMissEntity,
  ...REFERRAL_ENTITIES,
  NotificationEntity,
  ...IMPORT_ENTITIES,
  HelpOfferEntity,
];

export * from './accompaniment.entities';
export * from './referral.entities';
export * from './referral-rules';
export * from './referral.module';
export * from './referral.service';
export * from './accompaniment.service';
export * from './accompaniment.jobs';
export * from './indicators';
export * from './models/accompaniment.models';
export * from './dto/accompaniment.input';
export * from './models/referral.models';
export * from './dto/referral.input';

import { FollowUpEntity, ParticipationEntryEntity } from './accompaniment.entities';
import { IdempotencyKeyEntity, ReferralEntity, ReferralEventEntity } from './referral.entities';

export const REFERRAL_ENTITIES = [
  ReferralEntity,
  ReferralEventEntity,
  IdempotencyKeyEntity,
  ParticipationEntryEntity,
  FollowUpEntity,
];

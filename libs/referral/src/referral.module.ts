import { AuditModule } from '@app/audit';
import { CandidateModule } from '@app/candidate';
import { CatalogModule } from '@app/catalog';
import { IdentityModule } from '@app/identity';
import { NotificationModule } from '@app/notification';
import { Module } from '@nestjs/common';
import { AccompanimentJobs } from './accompaniment.jobs';
import { FollowUpResolver, ParticipationResolver } from './accompaniment.resolver';
import { AccompanimentService } from './accompaniment.service';
import { Idempotency } from './idempotency';
import { IndicatorsController, IndicatorsResolver, IndicatorsService } from './indicators';
import { IncomingReferralResolver, ReferralResolver } from './referral.resolver';
import { ReferralRepository } from './referral.repository';
import { ReferralService } from './referral.service';
import { ReferralViews } from './referral-views';

@Module({
  imports: [AuditModule, CandidateModule, CatalogModule, IdentityModule, NotificationModule],
  providers: [
    Idempotency,
    ReferralRepository,
    ReferralService,
    ReferralViews,
    ReferralResolver,
    IncomingReferralResolver,
    AccompanimentService,
    AccompanimentJobs,
    ParticipationResolver,
    FollowUpResolver,
    IndicatorsService,
    IndicatorsResolver,
  ],
  controllers: [IndicatorsController],
  exports: [ReferralService, AccompanimentService, AccompanimentJobs],
})
export class ReferralModule {}

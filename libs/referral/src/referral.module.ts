import { AuditModule } from '@app/audit';
import { CandidateModule } from '@app/candidate';
import { CatalogModule } from '@app/catalog';
import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { Idempotency } from './idempotency';
import { IncomingReferralResolver, ReferralResolver } from './referral.resolver';
import { ReferralRepository } from './referral.repository';
import { ReferralService } from './referral.service';

@Module({
  imports: [AuditModule, CandidateModule, CatalogModule, IdentityModule],
  providers: [
    Idempotency,
    ReferralRepository,
    ReferralService,
    ReferralResolver,
    IncomingReferralResolver,
  ],
  exports: [ReferralService],
})
export class ReferralModule {}

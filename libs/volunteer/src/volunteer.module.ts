import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NotificationModule } from '@app/notification';
import { Module } from '@nestjs/common';
import { HelpOfferJobs } from './help-offer.jobs';
import { HelpOfferRepository } from './help-offer.repository';
import { HelpOfferResolver } from './help-offer.resolver';
import { HelpOfferService } from './help-offer.service';

/** Residents who offer to help (担い手) host organisations with what they need. */
@Module({
  imports: [AuditModule, IdentityModule, NotificationModule],
  providers: [HelpOfferRepository, HelpOfferService, HelpOfferResolver, HelpOfferJobs],
})
export class VolunteerModule {}

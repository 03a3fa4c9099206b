import { HourlyJob } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { HelpOfferService } from './help-offer.service';

/** Every hour: offers to help left unanswered past the retention period end, contact erased. */
@Injectable()
export class HelpOfferJobs extends HourlyJob {
  constructor(private readonly offers: HelpOfferService) {
    super(new Logger('HelpOffers'));
  }

  protected async work(): Promise<string | null> {
    const expired = await this.offers.expireUnanswered();
    return expired ? `${expired} unanswered offers to help ended, contact erased` : null;
  }
}

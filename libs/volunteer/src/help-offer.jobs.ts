import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HelpOfferService } from './help-offer.service';

const EVERY_MS = 60 * 60 * 1000;

/** Every hour: offers to help left unanswered past the retention period end, contact erased. */
@Injectable()
export class HelpOfferJobs implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('HelpOffers');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly offers: HelpOfferService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const expired = await this.offers.expireUnanswered();
      if (expired) this.log.log(`${expired} unanswered offers to help ended, contact erased`);
    } catch (error) {
      this.log.error(`help offer expiry failed: ${(error as Error).message}`);
    }
  }
}

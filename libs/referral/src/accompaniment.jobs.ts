import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccompanimentService } from './accompaniment.service';
import { ReferralService } from './referral.service';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Every hour, in each api process: referrals whose person's consent to share with hosts has
 * expired are withdrawn, and coordinators are told of follow-ups past their day (each once).
 * Both are safe to run in several processes at once (rows are locked, SKIP LOCKED).
 */
@Injectable()
export class AccompanimentJobs implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Accompaniment');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly accompaniment: AccompanimentService,
    private readonly referrals: ReferralService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const withdrawn = await this.referrals.withdrawExpired();
      const told = await this.accompaniment.notifyOverdue();
      if (withdrawn || told)
        this.log.log(
          `${withdrawn} referrals withdrawn (consent expired), ${told} overdue follow-ups told`,
        );
    } catch (error) {
      this.log.error(`accompaniment jobs failed: ${(error as Error).message}`);
    }
  }
}

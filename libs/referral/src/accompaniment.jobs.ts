import { HourlyJob } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { AccompanimentService } from './accompaniment.service';
import { ReferralService } from './referral.service';

/**
 * Every hour, in each api process: referrals whose person's consent to share with hosts has
 * expired are withdrawn, and coordinators are told of follow-ups past their day (each once).
 * Both are safe to run in several processes at once (rows are locked, SKIP LOCKED).
 */
@Injectable()
export class AccompanimentJobs extends HourlyJob {
  constructor(
    private readonly accompaniment: AccompanimentService,
    private readonly referrals: ReferralService,
  ) {
    super(new Logger('Accompaniment'));
  }

  protected async work(): Promise<string | null> {
    const withdrawn = await this.referrals.withdrawExpired();
    const told = await this.accompaniment.notifyOverdue();
    return withdrawn || told
      ? `${withdrawn} referrals withdrawn (consent expired), ${told} overdue follow-ups told`
      : null;
  }
}

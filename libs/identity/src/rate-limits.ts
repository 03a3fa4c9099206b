import { APP_CONFIG, AppConfig, TooManyRequestsException } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Request budgets (rate-limiter-flexible, in this process's memory): per address and per signed-in
 * user for every request, and a much smaller one for sign-in attempts, per address and per
 * account. Several api processes each keep their own budget; a shared store would be the next step.
 */
@Injectable()
export class RateLimits {
  private readonly perAddress: RateLimiterMemory;
  private readonly perUser: RateLimiterMemory;
  private readonly loginPerAddress: RateLimiterMemory;
  private readonly loginPerAccount: RateLimiterMemory;
  private readonly helpOffersPerAddress: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const a = config.auth;
    this.perAddress = new RateLimiterMemory({ points: a.rateLimitPerMinute, duration: 60 });
    this.perUser = new RateLimiterMemory({ points: a.rateLimitPerMinute, duration: 60 });
    this.loginPerAddress = new RateLimiterMemory({
      points: a.loginRateLimitPerMinute,
      duration: 60,
    });
    // An account under attack from many addresses: at most twice the lock threshold a minute.
    this.loginPerAccount = new RateLimiterMemory({ points: a.maxFailures * 2, duration: 60 });
    // Residents' offers to help reach a person's inbox: a few an hour from one address.
    this.helpOffersPerAddress = new RateLimiterMemory({
      points: config.helpOffers.perAddressPerHour,
      duration: 3600,
    });
  }

  request(address: string, userId: string | null): Promise<void> {
    return Promise.all([
      take(this.perAddress, address),
      userId ? take(this.perUser, userId) : undefined,
    ]).then(() => undefined);
  }

  helpOffer(address: string): Promise<void> {
    return take(this.helpOffersPerAddress, address);
  }

  loginAttempt(address: string, accountKey: string): Promise<void> {
    return Promise.all([
      take(this.loginPerAddress, address),
      take(this.loginPerAccount, accountKey),
    ]).then(() => undefined);
  }
}

async function take(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw new TooManyRequestsException(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

type AfterWithdrawal = (candidateId: string, em: EntityManager) => Promise<void>;

/**
 * What other modules must do when a person withdraws a consent, in the same transaction (so a
 * withdrawal never leaves a share behind it): referrals register here, since this module cannot
 * know them.
 */
@Injectable()
export class ConsentHooks {
  private readonly afterWithdrawal: AfterWithdrawal[] = [];

  onWithdrawal(fn: AfterWithdrawal): void {
    this.afterWithdrawal.push(fn);
  }

  async withdrawn(candidateId: string, em: EntityManager): Promise<void> {
    for (const fn of this.afterWithdrawal) await fn(candidateId, em);
  }
}

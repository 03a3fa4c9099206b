import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a write changed, by kind of record; listeners derive what else depends on it. */
export interface Change {
  resourceIds?: readonly string[];
  organizationIds?: readonly string[];
  areaIds?: readonly string[];
}

export type ChangeListener = (change: Change, em: EntityManager) => Promise<void>;

/**
 * Writes announce what they changed inside their own transaction; listeners (the search index,
 * its outbox) do their part with the same EntityManager, so both commit or neither does. The
 * writing module needs no knowledge of who listens.
 */
@Injectable()
export class ChangeFeed {
  private readonly listeners: ChangeListener[] = [];

  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async publish(change: Change, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener(change, em);
  }
}

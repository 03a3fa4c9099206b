import { APP_CONFIG, AppConfig } from '@app/common';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { SearchDocumentSource } from '../document/search-document';
import { MeiliSearchEngine } from '../meili/meili-engine';
import { SearchOutbox } from './search-outbox';

const BATCH = 200;
const IDLE_MS = 1000;
export const RELAY_RETRY = {
  maxAttempts: 8,
  /** 5 s, 10 s, 20 s … capped at 10 minutes, with up to 20 % jitter: dead after about 20 minutes. */
  backoffMs: (attempt: number) =>
    Math.round(Math.min(5000 * 2 ** (attempt - 1), 600_000) * (1 + Math.random() * 0.2)),
};

/**
 * Applies the outbox to the external engine: in the api process by default, or in a worker
 * (`node dist/apps/worker/src/main.js`) with SEARCH_RELAY=false on the api.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly outbox: SearchOutbox,
    private readonly documents: SearchDocumentSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(MeiliSearchEngine) private readonly meili: MeiliSearchEngine | null,
  ) {}

  get active(): boolean {
    return this.config.search.engine === 'meilisearch' && !!this.meili;
  }

  onApplicationBootstrap(): void {
    if (this.active && this.config.search.relay) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        if (this.timer) this.schedule(IDLE_MS);
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    try {
      while ((await this.once()).done === BATCH);
    } catch (error) {
      this.logger.warn({ error: String(error) }, 'Search outbox relay failed; will retry');
    }
  }

  /** Applies one batch of due changes; what a worker loop and the tests call. */
  async once(): Promise<{ done: number; failed: number }> {
    const meili = this.meili;
    if (!this.active || !meili) return { done: 0, failed: 0 };
    return this.outbox.process(
      meili.name,
      BATCH,
      async (ids, em) => {
        const docs = await this.documents.load(ids, em);
        const present = new Set(docs.map((d) => d.id));
        await meili.upsert(docs);
        await meili.remove(ids.filter((id) => !present.has(id)));
      },
      RELAY_RETRY,
    );
  }
}

import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

/**
 * Work a process does every hour on its own (expiries, reminders). A failed run is logged and
 * the next one tries again; the timer never keeps the process alive.
 */
export abstract class HourlyJob implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;

  protected constructor(private readonly log: Logger) {}

  /** One run; answers what to log, or null when there was nothing to do. */
  protected abstract work(): Promise<string | null>;

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), 60 * 60 * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const said = await this.work();
      if (said) this.log.log(said);
    } catch (error) {
      this.log.error(`failed: ${(error as Error).message}`);
    }
  }
}

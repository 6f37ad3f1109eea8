// Keeps the outbox to its retention window: every instance prunes it now and then, in batches, so no one
// statement deletes much; instances pruning at once only find less to delete.
import { pruneChangeEvents } from '../db/change-event.sql';
import type { PrismaClient } from '../db/prisma';
import type { Logger } from '../logger';

const BATCH = 1_000;

export class ChangeEventRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly retentionHours: number,
    private readonly logger: Logger,
  ) {}

  /** Deletes the events recorded before `now` minus the window, batch by batch; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.retentionHours * 3_600_000);
    let pruned = 0;
    for (;;) {
      const deleted = await pruneChangeEvents(this.prisma, before, BATCH);
      pruned += deleted;
      if (deleted < BATCH) return pruned;
    }
  }

  /**
   * Prunes every `intervalMs` (a tenth of the window, at most an hour, by default), the first time one
   * interval after start: nothing is urgent about it, and a start is busy enough (every instance of a
   * fleet restarted together would otherwise prune at once).
   */
  start(intervalMs = Math.min(3_600_000, this.retentionHours * 360_000)): void {
    const run = () => {
      this.running = this.prune()
        .then((pruned) => pruned > 0 && this.logger.info({ pruned }, 'pruned the outbox of commitment changes'))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not prune the outbox of commitment changes'));
    };
    this.timer = setInterval(run, intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

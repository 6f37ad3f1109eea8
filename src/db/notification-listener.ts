// LISTEN on a channel with a dedicated connection (a pooled one could not hold a LISTEN: the pool hands it
// to other queries and may close it). A lost connection is reopened with backoff; notifications sent while
// it was down are lost (PostgreSQL keeps none for absent listeners): `onReconnected` is where the owner
// catches up from what it keeps itself (the change listener reads the outbox).
import { Client } from 'pg';
import type { Logger } from '../logger';

export interface NotificationListenerOptions {
  /** Names the listener in its log lines. */
  name: string;
  /** The connection's application_name, as pg_stat_activity shows it. */
  applicationName: string;
  /** First delay before reconnecting; doubled after each failure up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * Called once listening again after a lost connection, before any notification of the new connection is
   * passed on, which waits for it: the owner's chance to fetch what was sent while no one listened.
   */
  onReconnected?: () => Promise<void>;
}

export class NotificationListener {
  private client: Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private failures = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string | undefined) => void,
    private readonly logger: Logger,
    private readonly options: NotificationListenerOptions,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
  }

  /** Listens before returning, so that a notification sent once this returns is heard; throws if that fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { name } = this.options;
    // keepAlive: a connection cut without a FIN (a network partition) is noticed, not held open forever.
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true, application_name: this.options.applicationName });
    // Notifications of this connection wait for the catch-up of a reconnection (ready), so they follow it;
    // it is set before LISTEN, as a notification can arrive with LISTEN's own answer.
    const catchUp = this.failures > 0 ? this.options.onReconnected : undefined;
    let caughtUp!: () => void;
    const ready = catchUp ? new Promise<void>((resolve) => (caughtUp = resolve)) : Promise.resolve();
    client.on('notification', ({ channel, payload }) => {
      if (channel === this.channel) void ready.then(() => this.onPayload(payload));
    });
    // 'error' must be handled or it crashes the process; 'end' follows it, and reconnects once listening.
    let listening = false;
    client.on('error', (error) => this.logger.warn({ err: error }, `${name} lost its connection`));
    client.on('end', () => {
      if (listening && this.client === client) this.reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      caughtUp?.();
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      caughtUp?.();
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    listening = true;
    if (this.failures > 0) this.logger.info({ attempts: this.failures }, `${name} reconnected`);
    this.failures = 0;
    if (catchUp) {
      await catchUp()
        .catch((error: unknown) => this.logger.error({ err: error }, `${name} could not catch up after reconnecting`))
        .finally(caughtUp);
    }
  }

  private reconnectLater(): void {
    this.client = undefined;
    if (this.closed) return;
    const delay = Math.min(this.retryDelayMs * 2 ** this.failures, this.maxRetryDelayMs);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error, attempt: this.failures }, `${this.options.name} could not reconnect`);
        this.reconnectLater();
      });
    }, delay);
  }
}

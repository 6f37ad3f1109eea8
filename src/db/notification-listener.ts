// LISTEN on a channel with a dedicated connection (a pooled one could not hold a LISTEN: the pool hands it
// to other queries and may close it). A lost connection is reopened with backoff; notifications sent while
// it was down are lost (PostgreSQL keeps none for absent listeners), and the gap is logged.
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
    client.on('notification', ({ channel, payload }) => {
      if (channel === this.channel) this.onPayload(payload);
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
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    listening = true;
    if (this.failures > 0) this.logger.info({ attempts: this.failures }, `${name} reconnected; changes made while it was away were not delivered`);
    this.failures = 0;
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

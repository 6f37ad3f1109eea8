// Every server instance LISTENs on the change channel with a dedicated connection (a pooled one could not
// hold a LISTEN: the pool hands it to other queries and may close it) and republishes each notification on
// its in-process PubSub, where the subscriptions of this instance read it. A lost connection is reopened
// with backoff; notifications sent while it was down are lost (PostgreSQL keeps none for absent listeners),
// and the gap is logged.
import { Client } from 'pg';
import type { Logger } from '../logger';
import { CHANNEL, COMMITMENT_CHANGED, type CommitmentPubSub, parseCommitmentChange } from '../commitment/commitment-change';

export interface ListenerOptions {
  /** First delay before reconnecting; doubled after each failure up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export class CommitmentChangeListener {
  private client: Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private failures = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly pubSub: CommitmentPubSub,
    private readonly logger: Logger,
    options: ListenerOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
  }

  /** Listens before returning, so that a write made once the server is up is heard; throws if that fails. */
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
    // keepAlive: a connection cut without a FIN (a network partition) is noticed, not held open forever.
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true, application_name: 'commitment-tracker-listener' });
    client.on('notification', ({ channel, payload }) => {
      if (channel !== CHANNEL) return;
      const change = parseCommitmentChange(payload);
      if (change) this.pubSub.publish(COMMITMENT_CHANGED, change);
      else this.logger.warn({ payload }, 'ignored a malformed commitment change notification');
    });
    // 'error' must be handled or it crashes the process; 'end' follows it, and reconnects once listening.
    let listening = false;
    client.on('error', (error) => this.logger.warn({ err: error }, 'commitment change listener lost its connection'));
    client.on('end', () => {
      if (listening && this.client === client) this.reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
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
    if (this.failures > 0) this.logger.info({ attempts: this.failures }, 'commitment change listener reconnected; changes made while it was away were not delivered');
    this.failures = 0;
  }

  private reconnectLater(): void {
    this.client = undefined;
    if (this.closed) return;
    const delay = Math.min(this.retryDelayMs * 2 ** this.failures, this.maxRetryDelayMs);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error, attempt: this.failures }, 'commitment change listener could not reconnect');
        this.reconnectLater();
      });
    }, delay);
  }
}

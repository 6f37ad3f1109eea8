// A subscriber over graphql-ws for operation tests: what it was sent, and a wait for the n-th event; and a
// wait until a server holds its subscriptions, read off its metrics, before a test writes.
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from './test-server';

export interface Subscription {
  events: Record<string, any>[];
  errors: unknown[];
  /** Resolves with the n-th event (1-based) once it has arrived. */
  event(n: number, timeoutMs?: number): Promise<Record<string, any>>;
  closeCode: Promise<number>;
  client: WsClient;
}

/** A graphql-ws client with one subscription, collecting what it is sent; the caller disposes of `client`. */
export function subscribeTo(server: TestServer, query: string, variables: Record<string, unknown> = {}, authorization?: string): Subscription {
  let closed!: (code: number) => void;
  const closeCode = new Promise<number>((resolve) => (closed = resolve));
  const client = createClient({
    url: server.app.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => closed((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  const events: Record<string, any>[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => {
        errors.push(error);
        waiters.splice(0).forEach((wake) => wake());
      },
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    closeCode,
    client,
    async event(n, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < n) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no event ${n} within ${timeoutMs} ms (got ${events.length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(remaining, 50));
        });
      }
      return events[n - 1]!;
    },
  };
}

/** Waits until the server holds `count` subscriptions (at least, or exactly), read off its metrics: only then can a test write. */
export async function openSubscriptions(server: TestServer, count: number, how: 'at least' | 'exactly' = 'at least'): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const open = Number(/^graphql_subscriptions_open (\d+)/m.exec(metrics)?.[1]);
    if (how === 'exactly' ? open === count : open >= count) return;
    if (Date.now() > deadline) throw new Error(`the server holds ${open} subscriptions, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Subscribes for a test file: every client is disposed of after each test (and at the suite's teardown),
 * and the next test starts only once `servers()` hold no subscription, so that "the server holds n
 * subscriptions" means the test's own are listening, not that an earlier test's still are.
 */
export function subscriptionsPerTest(suite: { onTeardown(close: () => unknown): void }, servers: () => TestServer[]): typeof subscribeTo {
  const clients: WsClient[] = [];
  suite.onTeardown(() => Promise.all(clients.map((client) => client.dispose())));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await Promise.all(servers().map((server) => openSubscriptions(server, 0, 'exactly')));
  });
  return (...args) => {
    const subscription = subscribeTo(...args);
    clients.push(subscription.client);
    return subscription;
  };
}

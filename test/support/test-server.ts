// Operation tests go through the real HTTP server: Express, Apollo, the context, the database.
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import type { DestinationStream } from 'pino';
import { createLogger } from '../../src/logger';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

export interface TestServer {
  app: RunningApp;
  baseUrl: string;
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** `logDestination` receives the server's log lines (JSON), e.g. to assert what a request logged. */
export async function startTestServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: 'false',
    SEED_ON_START: 'false',
    ...env,
  });
  const app = await startApp(config, createLogger(config.logLevel, {}, options.logDestination));
  return {
    app,
    baseUrl: app.url.replace(/\/graphql$/, ''),
    async graphql(query, variables, headers = {}) {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<any>["body"] };
    },
    stop: () => app.stop(),
  };
}

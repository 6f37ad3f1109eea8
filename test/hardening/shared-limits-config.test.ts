// The settings of the shared rate limits are validated at start, each refusal naming its variable.
import { ConfigError, loadConfig } from '../../src/config/config';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('shared rate-limit settings', () => {
  it('count in PostgreSQL unless REDIS_URL is given, with 20 subscriptions per key and a connection costing 1000', () => {
    expect(loadConfig({}).rateLimit).toEqual({ windowSeconds: 60, mutations: 120, queryCost: 5_000_000, connectionCost: 1_000, leasePercent: 5, subscriptionsPerKey: 20, redis: undefined });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'a:' }).rateLimit.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'a:' });
    expect(loadConfig({ REDIS_URL: 'rediss://user:pw@cache.example:6380/1' }).rateLimit.redis).toEqual({ url: 'rediss://user:pw@cache.example:6380/1', keyPrefix: 'ct:rl:' });
  });

  it('refuse a REDIS_URL that is not a redis:// URL, without printing it (it may hold a password)', () => {
    expect(problems({ REDIS_URL: 'http://user:hunter2@cache:6379' })).toEqual(['REDIS_URL: expected a redis:// or rediss:// URL (got [redacted])']);
    expect(problems({ REDIS_URL: 'not a url' })[0]).toMatch(/^REDIS_URL: expected a URL such as redis:\/\/host:6379/);
  });

  it('refuse a subscription cap or connection cost that is not a positive whole number, or a connection dearer than the budget', () => {
    expect(problems({ SUBSCRIPTIONS_PER_KEY: '0' })).toEqual(['SUBSCRIPTIONS_PER_KEY: expected a whole number between 1 and 100000 (got "0")']);
    expect(problems({ RATE_LIMIT_CONNECTION_COST: '1.5' })).toEqual(['RATE_LIMIT_CONNECTION_COST: expected a whole number (got "1.5")']);
    expect(problems({ RATE_LIMIT_QUERY_COST: '300000', RATE_LIMIT_CONNECTION_COST: '300001' })).toEqual([
      'RATE_LIMIT_CONNECTION_COST: must be at most RATE_LIMIT_QUERY_COST (300000) (got "300001")',
    ]);
  });
});

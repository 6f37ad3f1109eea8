import { ConfigError, loadConfig } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration from the environment', () => {
  it('has working defaults: embedded PostgreSQL, public reads, introspection in development', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded.dataDir).toBe('/srv/app/.data/postgres');
    expect(config.port).toBe(4000);
    expect(config.publicRead).toBe(true);
    expect(config.graphql.introspection).toBe(true);
  });

  it('serves compiled queries unless turned off, and bounds the plan cache', () => {
    expect(loadConfig({ GRAPHQL_COMPILED_EXECUTION: 'false', GRAPHQL_PLAN_CACHE_SIZE: '10' }).graphql).toMatchObject({ compiledExecution: false, planCacheSize: 10 });
    expect(() => loadConfig({ GRAPHQL_PLAN_CACHE_SIZE: '0' })).toThrow(/GRAPHQL_PLAN_CACHE_SIZE/);
  });

  it('turns introspection, the landing page and field suggestions off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql).toEqual({
      introspection: false,
      landingPage: false,
      fieldSuggestions: false,
      compiledExecution: true,
      planCacheSize: 1000,
    });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
  });

  it('names each bad variable, what it expects and what it got', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_READ: 'maybe', DB_POOL_MAX: '0' });
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: expected a port number.*"eighty"/),
        expect.stringMatching(/^DATABASE_URL: expected a postgresql:\/\/ URL.*"mysql:\/\/x"/),
        expect.stringMatching(/^PUBLIC_READ: expected true or false.*"maybe"/),
        expect.stringMatching(/^DB_POOL_MAX: expected a whole number between 1 and 500.*"0"/),
      ]),
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.url).toBeUndefined();
  });
});

describe('CORS_ORIGINS', () => {
  it('is off by default: no origin, no credentials', () => {
    expect(loadConfig({}).cors).toEqual({ origins: [], allowCredentials: false });
  });

  it('takes a comma-separated list of origins, or "*"', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://dash.example.org, http://localhost:5173,' }).cors.origins).toEqual(['https://dash.example.org', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).cors).toEqual({ origins: '*', allowCredentials: false });
    expect(loadConfig({ CORS_ORIGINS: 'https://dash.example.org', CORS_ALLOW_CREDENTIALS: 'true' }).cors).toEqual({ origins: ['https://dash.example.org'], allowCredentials: true });
  });

  it('refuses "*" together with credentials, naming the variable', () => {
    expect(problemsOf({ CORS_ORIGINS: '*', CORS_ALLOW_CREDENTIALS: 'true' })).toEqual([
      expect.stringMatching(/^CORS_ORIGINS: "\*" cannot be combined with CORS_ALLOW_CREDENTIALS=true/),
    ]);
  });

  it('refuses what is not an origin, and "*" among origins', () => {
    const problems = problemsOf({ CORS_ORIGINS: 'https://dash.example.org/, dash.example.org, ftp://x.example.org, https://ok.example.org' });
    expect(problems).toHaveLength(3);
    expect(problems.every((problem) => problem.startsWith('CORS_ORIGINS: '))).toBe(true);
    expect(problems[0]).toMatch(/"https:\/\/dash\.example\.org\/" is not an origin/);
    expect(problemsOf({ CORS_ORIGINS: '*, https://dash.example.org' })).toEqual([expect.stringMatching(/^CORS_ORIGINS: "\*" stands alone/)]);
  });
});

// Unexpected errors (here: real PostgreSQL and Prisma errors) reach clients masked, with an id that leads to
// the full error in the log; Prisma errors a client caused are translated to domain codes in one place.
import { GraphQLError } from 'graphql';
import { domainErrorFromPrisma, isUniqueViolation } from '../../src/common/unique-violation';
import { formatError } from '../../src/graphql/format-error';
import { useTestServer } from '../support/fixture';
import { lockTable } from '../support/table-lock';

const suite = useTestServer({
  env: { LOG_LEVEL: 'info', DB_STATEMENT_TIMEOUT_MS: '500' },
  captureLogs: true,
  prepare: async ({ database }) => {
    await database.prisma.country.create({ data: { code: 'SG', name: 'Singapore' } });
  },
});

/** What a client must never see: driver or SQL text, stack frames, schema object names. */
const LEAKS = /statement timeout|canceling statement|SELECT|INSERT|"public"|country_pkey|constraint|Prisma|\bat .+:\d+:\d+|stacktrace/i;

describe('an unexpected error from the database', () => {
  it('reaches the client as a generic message with an error id, and the log as the original error with that id', async () => {
    const lock = await lockTable(suite.db.url, 'partnership');
    let response: Response;
    try {
      response = await fetch(suite.server.app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'masking-test-1' },
        body: JSON.stringify({ query: 'query ListPartnerships { partnerships { name } }' }),
      });
    } finally {
      await lock.release();
    }
    const text = await response.text();
    const body = JSON.parse(text) as { data: unknown; errors: { message: string; path: string[]; extensions: { code: string; errorId: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors;
    expect(error!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error!.message).toBe(`Internal server error. Quote error id ${error!.extensions.errorId} when reporting it.`);
    expect(error!.path).toEqual(['partnerships']);
    expect(text).not.toMatch(LEAKS);

    const logged = suite.logs.lines().filter((line) => line.errorId === error!.extensions.errorId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'unexpected error',
      requestId: 'masking-test-1',
      operationName: 'ListPartnerships',
      err: { message: expect.stringMatching(/statement timeout/) },
    });
  });
});

describe('Prisma errors a client caused', () => {
  /** As Apollo hands formatError an error thrown by a resolver. */
  const format = (thrown: unknown) => {
    const resolverError = new GraphQLError((thrown as Error).message, { path: ['createThing'], originalError: thrown as Error });
    return formatError({ message: resolverError.message, path: ['createThing'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, resolverError);
  };

  it('translates a unique violation (P2002) to CONFLICT, naming no table or constraint', async () => {
    const thrown = await suite.database.prisma.country.create({ data: { code: 'SG', name: 'Singapore again' } }).catch((error: unknown) => error);
    expect(isUniqueViolation(thrown)).toBe(true);
    const formatted = format(thrown);
    expect(formatted).toEqual({ message: 'This would duplicate a value that must be unique', path: ['createThing'], extensions: { code: 'CONFLICT' } });
    expect(JSON.stringify(formatted)).not.toMatch(LEAKS);
  });

  it('translates a missing record (P2025) to NOT_FOUND', async () => {
    const thrown = await suite.database.prisma.country.update({ where: { code: 'ZZ' }, data: { name: 'Nowhere' } }).catch((error: unknown) => error);
    expect(format(thrown)).toEqual({ message: 'The record this operation needs was not found', path: ['createThing'], extensions: { code: 'NOT_FOUND' } });
  });

  it('masks any other Prisma error', async () => {
    const thrown = await suite.database.prisma.$queryRawUnsafe('SELECT * FROM no_such_table').catch((error: unknown) => error);
    expect(domainErrorFromPrisma(thrown)).toBeUndefined();
    const formatted = format(thrown);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) });
    expect(JSON.stringify(formatted)).not.toMatch(/no_such_table/);
  });
});

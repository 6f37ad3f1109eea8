// How the hot statements reach PostgreSQL: straight through node-postgres as named prepared statements,
// not through Prisma's raw queries. A repeated request's statement is then parsed and planned once per
// connection instead of every time (for a small read or a one-row write, most of the database's work),
// and no query engine stands between the statement and the wire.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';

/** Runs one statement (every value a parameter) and returns its rows. */
export interface StatementRunner {
  rows<Row>(statement: Prisma.Sql | { text: string; values: unknown[] }): Promise<Row[]>;
}

/**
 * node-postgres keeps every statement it prepared for the life of a connection, so the names are bounded:
 * texts beyond the limit run unnamed (parsed each time, as before).
 */
export class PreparedStatements implements StatementRunner {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly pool: Pool,
    private readonly limit = 1_000,
  ) {}

  /** The prepared statement's name for a text, or undefined when it is to run unnamed. */
  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.limit) {
      name = `ct_${createHash('sha1').update(text).digest('base64url')}`;
      this.names.set(text, name);
    }
    return name;
  }

  async rows<Row>({ text, values }: { text: string; values: unknown[] }): Promise<Row[]> {
    const result = await this.pool.query({ name: this.nameOf(text), text, values });
    return result.rows as Row[];
  }
}

/** The same through Prisma's raw queries: for a write unit made without the pool (the seed loader, tests). */
export function prismaStatements(prisma: PrismaClient): StatementRunner {
  return { rows: <Row>(statement: Prisma.Sql | { text: string; values: unknown[] }) => prisma.$queryRawUnsafe<Row[]>(statement.text, ...statement.values) };
}

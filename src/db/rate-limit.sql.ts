// The rate-limit store's one statement: a lease of a caller's points (the function rate_limit_lease, see its
// migration). Run on the store's own pool, as a named prepared statement, so each connection plans it once.
import type { Pool } from 'pg';

/** What the shared store granted: `granted` points (0: refused), valid until the window ends. */
export interface PointLease {
  granted: number;
  msBeforeReset: number;
}

export interface LeaseRequest {
  key: string;
  /** Points the request needs now: fewer left than this, and nothing is granted. */
  need: number;
  /** Points to take when they are left (at least `need`): the rest is spent locally by later requests. */
  want: number;
  limit: number;
  windowMs: number;
}

export async function leaseRateLimitPoints(pool: Pool, { key, need, want, limit, windowMs }: LeaseRequest): Promise<PointLease> {
  const { rows } = await pool.query<{ granted: number; ms_before_reset: string }>({
    name: 'rate_limit_lease',
    text: 'SELECT granted, ms_before_reset FROM rate_limit_lease($1, $2, $3, $4, $5)',
    values: [key, need, want, limit, windowMs],
  });
  return { granted: rows[0]!.granted, msBeforeReset: Number(rows[0]!.ms_before_reset) };
}

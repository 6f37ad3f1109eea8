import type { Client } from 'pg';
import { AS_OF } from './dataset';

/** The tables whose history is append-only (their rows are never updated, deleted or truncated). */
const APPEND_ONLY_TABLES = ['status_change', 'progress_note', 'evidence', 'party_assessment', 'target_reading'];

/** Indexes, constraints and triggers (with their enabled state) of the public schema, as sorted lines. */
export async function schemaSnapshot(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ line: string }>(`
    SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger
    WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
    ORDER BY 1`);
  return rows.map((row) => row.line);
}

/** Throws, listing the differences, when the load left the schema otherwise than the migrations made it. */
export async function requireSchemaAsMigrated(client: Client, schemaAsMigrated: string[]): Promise<void> {
  const schemaNow = await schemaSnapshot(client);
  const missing = schemaAsMigrated.filter((line) => !schemaNow.includes(line));
  const extra = schemaNow.filter((line) => !schemaAsMigrated.includes(line));
  if (missing.length || extra.length) {
    throw new Error(`The schema differs from the migrated one after the load:\n${[...missing.map((l) => `- ${l}`), ...extra.map((l) => `+ ${l}`)].join('\n')}`);
  }
}

/** Checks that the data keeps the rules the application relies on. Throws on the first broken one. */
export async function verify(client: Client): Promise<void> {
  const checks: [string, string][] = [
    ['history chains: first entry NULL → ANNOUNCED on announced_on; from = previous to; dates strictly increasing', `
      SELECT count(*) FROM (
        SELECT h.*, lag(to_status) OVER w AS prev_to, lag(effective_on) OVER w AS prev_on, row_number() OVER w AS n
        FROM status_change h WINDOW w AS (PARTITION BY commitment_id ORDER BY effective_on, id)) h
      JOIN commitment c ON c.id = h.commitment_id
      WHERE (h.n = 1 AND (h.from_status IS NOT NULL OR h.to_status <> 'ANNOUNCED' OR h.effective_on <> c.announced_on))
         OR (h.n > 1 AND (h.from_status IS DISTINCT FROM h.prev_to OR h.effective_on <= h.prev_on))`],
    ['commitment = its last history entry (status, status_since, version, last_assessed_at)', `
      SELECT count(*) FROM commitment c
      JOIN LATERAL (SELECT count(*) AS n, (array_agg(to_status ORDER BY effective_on DESC, id DESC))[1] AS last_status,
                           max(effective_on) AS last_on, max(recorded_at) AS last_recorded
                    FROM status_change h WHERE h.commitment_id = c.id) h ON TRUE
      WHERE h.last_status IS DISTINCT FROM c.status OR h.last_on IS DISTINCT FROM c.status_since OR h.n <> c.version
         OR (c.last_assessed_at IS DISTINCT FROM CASE WHEN h.n > 1 THEN h.last_recorded END)`],
    ['nothing after AS_OF; evidence where the rules require it', `
      SELECT count(*) FROM status_change WHERE effective_on > date '${AS_OF}' OR recorded_at > now()
         OR ((to_status IN ('STALLED', 'ABANDONED') OR from_status = 'COMPLETED') AND evidence_url IS NULL)`],
    ['provenance quotes are the document text between the offsets (sampled)', `
      SELECT count(*) FROM (SELECT * FROM provenance WHERE id % 97 = 0) p JOIN source_document d ON d.id = p.source_document_id
      WHERE substr(d.text, p.start_offset + 1, p.end_offset - p.start_offset) <> p.quote`],
    ['every trigger enabled, the append-only guards included', `
      SELECT count(*) + (
        -- Each append-only table keeps both guards (a missing one is a broken invariant, not a disabled one).
        SELECT count(*) FROM unnest(ARRAY[${APPEND_ONLY_TABLES.map((table) => `'${table}'`).join(', ')}]) a(table_name)
        CROSS JOIN unnest(ARRAY['append_only', 'no_truncate']) k(guard)
        WHERE NOT EXISTS (SELECT FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
                          WHERE t.relname = a.table_name AND g.tgname ~ ('_' || k.guard || '$') AND g.tgenabled = 'O'))
      FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
      WHERE t.relnamespace = 'public'::regnamespace AND NOT g.tgisinternal AND g.tgenabled <> 'O'`],
    ['every constraint validated', `SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated`],
  ];
  const { rows: [{ deltas }] } = await client.query<{ deltas: boolean }>(`SELECT to_regclass('status_delta_monthly') IS NOT NULL AS deltas`);
  if (deltas) {
    checks.push(['status_delta_monthly (kept by the insert trigger) adds up to the current status counts', `
      SELECT count(*) FROM (SELECT status, count(*) AS n FROM commitment WHERE archived_at IS NULL GROUP BY status) c
      FULL JOIN (SELECT status, sum(delta) AS n FROM status_delta_monthly GROUP BY status HAVING sum(delta) <> 0) d USING (status)
      WHERE c.n IS DISTINCT FROM d.n`]);
  }
  const { rows: [{ partnershipDeltas }] } = await client.query<{ partnershipDeltas: boolean }>(
    `SELECT to_regclass('status_delta_monthly_partnership') IS NOT NULL AS "partnershipDeltas"`);
  if (partnershipDeltas) {
    // Summed over all months, a partnership's deltas are its current counts per status, and its overdue
    // deltas the ANNOUNCED commitments with a deadline (each becomes overdue some day, unless it leaves).
    checks.push(['status_delta_monthly_partnership (kept by the same triggers) adds up to the current status counts per partnership', `
      SELECT count(*) FROM (
        SELECT partnership_id, status::text, count(*) AS n FROM commitment WHERE archived_at IS NULL GROUP BY 1, 2
        UNION ALL
        SELECT partnership_id, 'overdue', count(*) FROM commitment
        WHERE archived_at IS NULL AND status = 'ANNOUNCED' AND deadline IS NOT NULL GROUP BY 1) c
      FULL JOIN (
        SELECT t.partnership_id, s.status, sum(s.delta) AS n
        FROM status_delta_monthly_partnership t
        CROSS JOIN LATERAL (VALUES ('ANNOUNCED', t.announced), ('IN_PROGRESS', t.in_progress),
          ('PARTIALLY_COMPLETED', t.partially_completed), ('COMPLETED', t.completed), ('STALLED', t.stalled),
          ('ABANDONED', t.abandoned), ('SUPERSEDED', t.superseded), ('overdue', t.overdue_announced)) s(status, delta)
        GROUP BY 1, 2 HAVING sum(s.delta) <> 0) d USING (partnership_id, status)
      WHERE c.n IS DISTINCT FROM d.n`]);
  }
  const { rows: [{ counts }] } = await client.query<{ counts: boolean }>(`SELECT to_regclass('commitment_status_count') IS NOT NULL AS counts`);
  if (counts) {
    checks.push(['commitment_status_count (kept by the commitment triggers) equals the current status counts', `
      SELECT count(*) FROM (SELECT partnership_id, pillar_id, status, count(*) AS n FROM commitment WHERE archived_at IS NULL GROUP BY 1, 2, 3) c
      FULL JOIN (SELECT partnership_id, pillar_id, status, count AS n FROM commitment_status_count WHERE count <> 0) s USING (partnership_id, pillar_id, status)
      WHERE c.n IS DISTINCT FROM s.n`]);
  }
  for (const [label, sql] of checks) {
    const t0 = performance.now();
    const { rows: [row] } = await client.query<Record<string, string>>(sql);
    const count = Object.values(row!)[0];
    console.log(`  ${Number(count) === 0 ? 'ok  ' : 'FAIL'} ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    if (Number(count) !== 0) throw new Error(`Invariant broken (${count} rows): ${label}`);
  }
}

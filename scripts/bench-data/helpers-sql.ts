import { HISTORY_PER_COMMITMENT } from './dataset';
import { PATHS, STATUS_OF, STATUS_PHRASES } from './vocabulary';

export const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
export const textArray = (items: readonly string[]) => `ARRAY[${items.map(quote).join(', ')}]::text[]`;

/** Helper functions and small tables in a schema of their own, dropped after the load. */
export function helpersSql(): string[] {
  const paths = PATHS.map(([path, weight]) => ({ steps: path.split(' ').map((s) => STATUS_OF[s]!), weight }));
  const totalWeight = paths.reduce((sum, p) => sum + p.weight, 0);
  const totalSteps = paths.reduce((sum, p) => sum + p.weight * p.steps.length, 0);
  if (totalWeight !== 100 || totalSteps !== 100 * HISTORY_PER_COMMITMENT) {
    throw new Error(`PATHS must weigh 100 with a mean length of ${HISTORY_PER_COMMITMENT} (weight ${totalWeight}, steps ${totalSteps})`);
  }
  const pathRows = paths.flatMap((p, template) =>
    p.steps.map((status, step) => `(${template}, ${step}, ${step === 0 ? 'NULL' : quote(p.steps[step - 1]!)}, ${quote(status)})`),
  );
  const slotRows: string[] = [];
  paths.forEach((p, template) => {
    for (let i = 0; i < p.weight; i++) slotRows.push(`(${slotRows.length}, ${template})`);
  });
  const caseOf = (column: string, map: Record<string, string>) =>
    `CASE ${column} ${Object.entries(map).map(([k, v]) => `WHEN ${quote(k)} THEN ${quote(v)}`).join(' ')} END`;
  return [
    `CREATE SCHEMA bench_gen`,
    // u(key, salt): uniform in [0, 1); pick(key, salt, n): uniform integer in [0, n).
    `CREATE FUNCTION bench_gen.u(key bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT (hashint8extended(key, salt) & 2147483647)::float8 / 2147483648.0 $$`,
    `CREATE FUNCTION bench_gen.pick(key bigint, salt bigint, n int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ((hashint8extended(key, salt) & 2147483647) % n)::int $$`,
    `CREATE FUNCTION bench_gen.word(words text[], i int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT words[i + 1] $$`,
    // The effective date of step `step` of a history of n entries spread over `span` days after `announced`:
    // step 0 is the announcement; later steps are strictly increasing and end before announced + span.
    `CREATE FUNCTION bench_gen.effective_on(id bigint, announced date, span int, n int, step int) RETURNS date
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT CASE WHEN step = 0 THEN announced
                    ELSE announced + step + floor((span - n) * ((step - 1) + bench_gen.u(id * 16 + step, 7)) / (n - 1))::int END $$`,
    // Entered the same day, between 02:00 and 22:00 UTC: recorded_at increases with effective_on.
    `CREATE FUNCTION bench_gen.recorded_at(id bigint, step int, effective date) RETURNS timestamptz
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT (effective + time '02:00') AT TIME ZONE 'UTC' + bench_gen.pick(id * 16 + step, 9, 1200) * interval '1 minute' $$`,
    `CREATE FUNCTION bench_gen.status_phrase(status commitment_status) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ${caseOf('status::text', STATUS_PHRASES)} $$`,
    `CREATE TABLE bench_gen.path (template int, step int, from_status commitment_status, to_status commitment_status, PRIMARY KEY (template, step))`,
    `INSERT INTO bench_gen.path VALUES ${pathRows.join(', ')}`,
    `CREATE TABLE bench_gen.template AS
       SELECT template, count(*)::int AS n, (array_agg(to_status ORDER BY step DESC))[1] AS final_status FROM bench_gen.path GROUP BY template`,
    // A commitment's path: slot (37 id + 11) mod 100, so that every 100 consecutive ids use each slot once
    // and hold exactly 100 * HISTORY_PER_COMMITMENT history entries.
    `CREATE TABLE bench_gen.slot (slot int PRIMARY KEY, template int NOT NULL)`,
    `INSERT INTO bench_gen.slot VALUES ${slotRows.join(', ')}`,
    // History ids without a sort: entries before commitment id g = 500 * ((g - 1) / 100) + rows_before[(g - 1) % 100].
    `CREATE TABLE bench_gen.block_prefix AS
       SELECT r, (coalesce(sum(t.n) OVER (ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::int AS rows_before
       FROM generate_series(0, 99) r JOIN bench_gen.slot s ON s.slot = (37 * (r + 1) + 11) % 100 JOIN bench_gen.template t USING (template)`,
  ];
}

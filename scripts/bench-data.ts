// npm run bench:data -- --size S|L [--database-url URL] [--name DB] [--no-verify]
//
// A deterministic synthetic dataset for benchmarks, in the project's own schema:
//
//   size  partnerships  pillars  commitments  status_change  actors  source documents
//   S     10            60       10,000       50,000         200     40
//   L     100           600      1,000,000    5,000,000      2,000   400
//
// It (re)creates a dedicated database (commitment_tracker_bench_s / _l) on the server of --database-url,
// DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres, applies the migrations with the project's
// own migrator, then loads everything with INSERT ... SELECT over generate_series: no row passes through
// Node. For speed the secondary indexes, the foreign keys and the primary keys no foreign key points at
// are dropped first and rebuilt after the load (which re-validates every foreign key and unique index);
// the CHECK constraints stay in force throughout; everything is VACUUM ANALYZEd at the end (index-only
// scans need the visibility map). Two connections share the work. Afterwards the script checks that the
// indexes, constraints and triggers are exactly those the migrations made, then (unless --no-verify) that
// the data keeps the application's rules.
//
// Triggers: the append-only guards (BEFORE UPDATE/DELETE/TRUNCATE on the history tables) are disabled for
// the load and enabled again after it. Triggers that fire on INSERT stay enabled, because they maintain
// derived data the API reads (e.g. status_delta_monthly, which the status_change insert trigger keeps as
// one grouped upsert per statement): the load goes through the project's own code for it, so the derived
// data is right whatever the migrations define. Commitments are therefore loaded before their history.
//
// Determinism: every "random" choice is hashint8extended(row key, salt), PostgreSQL's stable 64-bit hash,
// so two loads of the same size are identical, row ids included. The data is "as of" AS_OF: nothing
// happens after it.
//
// What the data looks like (the read benchmarks depend on it):
// - Each partnership has 2 parties (country pairs), 6 pillars and 4 source documents (joint statements,
//   a fact sheet, a news report) published between 2019 and 2024, each a text of 200 sentences.
// - Each commitment belongs to a pillar (uniformly), is announced on the date of one of its partnership's
//   documents (its ORIGIN provenance, quoting one sentence of it at exact code-point offsets); ~15% are
//   mentioned again in a later document (LATER_MENTION), ~15% of the early ones in the news report
//   (EVIDENCE): 1.11 mentions per commitment. (The curated seeds have 1.05, quotes of ~110 characters.)
// - Its status history follows one of 28 plausible paths (ANNOUNCED → IN_PROGRESS → STALLED → …), 1 to
//   11 entries, exactly 5 per commitment on average. The first entry (from NULL to ANNOUNCED) is on
//   announced_on; later ones follow on strictly increasing dates up to AS_OF; every from_status is the
//   previous to_status; the last to_status and effective_on are the commitment's status and status_since;
//   version = number of entries; last_assessed_at = the last entry's recorded_at (NULL when never moved).
//   Moves to STALLED or ABANDONED and away from COMPLETED carry evidence, as the write rules require.
//   Final statuses: ANNOUNCED 12%, IN_PROGRESS 27%, PARTIALLY_COMPLETED 17%, COMPLETED 22%, STALLED 11%,
//   ABANDONED 6%, SUPERSEDED 5%.
// - ~60% have a deadline (YEAR 45%, MONTH 35%, DAY 20% precision), ~35% a description (the seeds: 33%),
//   0–3 tags from 16, 1–3 actors (a LEAD, then SUPPORTING and PARTICIPANT), ~10% a sum of money.
//   None is archived.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { applyMigrations } from '../src/database/migrations/migrator';
import { Client } from 'pg';

const AS_OF = '2026-10-31';
const PILLARS_PER_PARTNERSHIP = 6;
const DOCS_PER_PARTNERSHIP = 4;
const SENTENCES_PER_DOC = 200;
const HISTORY_PER_COMMITMENT = 5; // exact: see PATHS

const SIZES = {
  S: { partnerships: 10, commitments: 10_000, actors: 200 },
  L: { partnerships: 100, commitments: 1_000_000, actors: 2_000 },
} as const;
type Size = keyof typeof SIZES;

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const COUNTRIES: [string, string][] = [
  ['VN', 'Viet Nam'], ['SG', 'Singapore'], ['US', 'United States'], ['JP', 'Japan'], ['AU', 'Australia'],
  ['IN', 'India'], ['KR', 'Republic of Korea'], ['CN', 'China'], ['FR', 'France'], ['DE', 'Germany'],
  ['GB', 'United Kingdom'], ['ID', 'Indonesia'], ['MY', 'Malaysia'], ['TH', 'Thailand'], ['PH', 'Philippines'],
  ['NZ', 'New Zealand'], ['CA', 'Canada'], ['IT', 'Italy'], ['RU', 'Russian Federation'], ['BR', 'Brazil'],
  ['ZA', 'South Africa'], ['AE', 'United Arab Emirates'], ['SA', 'Saudi Arabia'], ['LA', "Lao People's Democratic Republic"],
  ['KH', 'Cambodia'], ['MM', 'Myanmar'], ['BN', 'Brunei Darussalam'], ['ES', 'Spain'], ['NL', 'Netherlands'], ['CH', 'Switzerland'],
];

const PILLAR_THEMES: [string, string][] = [
  ['political', 'Political, diplomatic and strategic trust'],
  ['defence', 'Defence and security cooperation'],
  ['economic', 'Economic, trade and investment cooperation'],
  ['digital', 'Digital transformation and innovation'],
  ['climate', 'Climate, energy and the environment'],
  ['education', 'Education, science and technology'],
  ['people', 'Culture, tourism and people-to-people exchanges'],
  ['health', 'Health cooperation'],
  ['regional', 'Regional and multilateral cooperation'],
  ['law', 'Legal and judicial cooperation'],
];

const VERBS = ['Launch', 'Establish', 'Sign', 'Expand', 'Strengthen', 'Conclude negotiations on', 'Set up', 'Hold', 'Develop', 'Promote', 'Deepen', 'Implement'];
const OBJECTS = ['a joint working group on', 'an agreement on', 'a memorandum of understanding on', 'an annual dialogue on', 'a scholarship programme for',
  'a pilot project in', 'a cooperation framework for', 'a training programme on', 'joint research in', 'a co-financing facility for'];
const TOPICS = ['green hydrogen', 'semiconductor supply chains', 'maritime domain awareness', 'digital trade', 'carbon credits', 'pandemic preparedness',
  'rice research', 'cybersecurity capacity', 'offshore wind', 'undersea cables', 'higher education', 'critical minerals', 'smart cities',
  'port logistics', 'transnational crime', 'peacekeeping training', 'financial technology', 'clean energy grids', 'food security', 'tourism',
  'public health', 'space technology', 'nuclear safety', 'water management', 'artificial intelligence', 'startup ecosystems',
  'customs facilitation', 'vocational training', 'disaster relief', 'electric vehicles'];
const TAGS = ['digital-economy', 'green-economy', 'energy-transition', 'defence', 'maritime-security', 'trade', 'investment', 'education',
  'health', 'science-technology', 'semiconductors', 'climate', 'people-to-people', 'cybersecurity', 'agriculture', 'infrastructure'];
const CONNECTORS = ['agreed to', 'committed to', 'will', 'resolved to', 'welcomed plans to', 'reaffirmed their intention to'];
const ENDINGS = [' by 2030', ' within two years', '', ' at the earliest opportunity', ' before the next summit', ' by 2027'];
const REASONS = ['as reported by the embassy', 'according to the ministry', 'per the joint committee minutes', 'following the annual review',
  'after a site visit', 'as announced at a press conference', 'according to the implementing agency', 'per public statements'];
const STATUS_PHRASES: Record<string, string> = {
  IN_PROGRESS: 'Work has visibly started',
  PARTIALLY_COMPLETED: 'Part of the commitment has been delivered',
  COMPLETED: 'Delivered as promised',
  STALLED: 'No visible progress for a long time',
  ABANDONED: 'Dropped by the parties',
  SUPERSEDED: 'Replaced by a later commitment',
  ANNOUNCED: 'Back to announced: earlier work was undone',
};

// Status paths and their weights (out of 100): the first status is always ANNOUNCED. Chosen so that the
// final statuses are distributed as above and the mean length is exactly HISTORY_PER_COMMITMENT.
const PATHS: [string, number][] = [
  ['A', 12],
  ['A IP', 8], ['A IP PC ST IP PC ST IP', 6], ['A IP PC ST IP', 5], ['A IP PC IP ST IP PC ST IP ST IP', 4], ['A IP PC IP', 2], ['A IP PC C IP', 2],
  ['A IP ST IP PC ST IP PC', 6], ['A IP ST IP PC', 4], ['A IP PC ST IP PC', 3], ['A IP PC C PC', 2], ['A IP ST IP ST IP PC', 2],
  ['A IP C', 3], ['A IP PC C', 6], ['A IP ST IP PC C', 4], ['A IP PC ST IP PC C', 4], ['A IP PC C PC C', 2], ['A IP ST IP ST IP PC ST IP PC C', 3],
  ['A IP PC IP ST', 4], ['A IP PC ST', 3], ['A IP ST IP ST', 2], ['A IP ST IP PC ST IP ST', 2],
  ['A AB', 1], ['A IP ST AB', 3], ['A IP ST IP ST AB', 2],
  ['A SU', 2], ['A IP SU', 3],
];
const STATUS_OF: Record<string, string> = {
  A: 'ANNOUNCED', IP: 'IN_PROGRESS', PC: 'PARTIALLY_COMPLETED', C: 'COMPLETED', ST: 'STALLED', AB: 'ABANDONED', SU: 'SUPERSEDED',
};

// ---------------------------------------------------------------------------------------------------
// SQL helpers

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const textArray = (items: readonly string[]) => `ARRAY[${items.map(quote).join(', ')}]::text[]`;

/** Helper functions and small tables in a schema of their own, dropped after the load. */
function helpersSql(): string[] {
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

// ---------------------------------------------------------------------------------------------------
// The load, phase by phase

function referenceDataSql(size: Size): string[] {
  const { partnerships, actors } = SIZES[size];
  const docKinds = ['JOINT_STATEMENT', 'FACT_SHEET', 'JOINT_STATEMENT', 'NEWS_REPORT'];
  const docTitles = ['Joint Statement', 'Fact Sheet', 'Joint Vision Statement', 'News report: the partnership one year on'];
  return [
    `INSERT INTO country (code, name) VALUES ${COUNTRIES.map(([c, n]) => `(${quote(c)}, ${quote(n)})`).join(', ')}`,
    // The first `partnerships` country pairs in hash order.
    `CREATE TABLE bench_gen.pair AS
       SELECT row_number() OVER (ORDER BY hashint8extended(a.n * 100 + b.n, 50))::int AS id, a.code AS a_code, a.name AS a_name, b.code AS b_code, b.name AS b_name
       FROM (SELECT code, name, row_number() OVER (ORDER BY code) AS n FROM country) a
       JOIN (SELECT code, name, row_number() OVER (ORDER BY code) AS n FROM country) b ON a.n < b.n
       ORDER BY 1 LIMIT ${partnerships}`,
    `INSERT INTO partnership (id, slug, name, description, level, created_at, updated_at)
       SELECT id, lower(a_code) || '-' || lower(b_code),
         a_name || '–' || b_name || ' ' || (ARRAY['Strategic Partnership', 'Comprehensive Strategic Partnership', 'Comprehensive Partnership', 'Partnership'])[1 + bench_gen.pick(id, 51, 4)],
         'Synthetic partnership between ' || a_name || ' and ' || b_name || ' for benchmarks.',
         (ARRAY['STRATEGIC_PARTNERSHIP', 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP', 'COMPREHENSIVE_PARTNERSHIP', 'OTHER'])[1 + bench_gen.pick(id, 51, 4)]::partnership_level,
         timestamptz '2026-01-05 08:00Z', timestamptz '2026-01-05 08:00Z'
       FROM bench_gen.pair`,
    `INSERT INTO partnership_party (partnership_id, country_code) SELECT id, a_code FROM bench_gen.pair UNION ALL SELECT id, b_code FROM bench_gen.pair`,
    `INSERT INTO pillar (id, slug, partnership_id, position, name, description, created_at, updated_at)
       SELECT (p.id - 1) * ${PILLARS_PER_PARTNERSHIP} + pos, p.slug || '-' || (t.themes)[1 + (bench_gen.pick(p.id, 60, 10) + pos - 1) % 10],
         p.id, pos, (t.names)[1 + (bench_gen.pick(p.id, 60, 10) + pos - 1) % 10], NULL, p.created_at, p.created_at
       FROM partnership p CROSS JOIN generate_series(1, ${PILLARS_PER_PARTNERSHIP}) pos
       CROSS JOIN (SELECT ${textArray(PILLAR_THEMES.map(([s]) => s))} AS themes, ${textArray(PILLAR_THEMES.map(([, n]) => n))} AS names) t`,
    // Documents: k = 0..3, about 520 days apart from a date in 2019.
    `CREATE TABLE bench_gen.doc AS
       SELECT (p.id - 1) * ${DOCS_PER_PARTNERSHIP} + k + 1 AS id, p.id AS partnership_id, p.slug AS partnership_slug, k,
         p.name || ': ' || (${textArray(docTitles)})[k + 1] AS title,
         date '2019-01-15' + bench_gen.pick(p.id, 61, 330) + k * 520 + bench_gen.pick(p.id * 4 + k, 62, 60) AS published_on
       FROM partnership p CROSS JOIN generate_series(0, ${DOCS_PER_PARTNERSHIP - 1}) k`,
    // Sentences. A document's text is its title (non-ASCII: offsets count code points), a blank line and
    // its sentences separated by spaces.
    `CREATE TABLE bench_gen.sentence AS
       SELECT doc_id, k, quote,
         char_length(title) + 2 + sum(char_length(quote) + 1) OVER (PARTITION BY doc_id ORDER BY k) - (char_length(quote) + 1) AS start_offset
       FROM (
         SELECT d.id AS doc_id, s AS k, d.title,
           'The two sides ' || bench_gen.word(${textArray(CONNECTORS)}, bench_gen.pick(d.id * 1000 + s, 70, ${CONNECTORS.length}))
           || ' ' || lower(bench_gen.word(${textArray(VERBS)}, bench_gen.pick(d.id * 1000 + s, 71, ${VERBS.length})))
           || ' ' || bench_gen.word(${textArray(OBJECTS)}, bench_gen.pick(d.id * 1000 + s, 72, ${OBJECTS.length}))
           || ' ' || bench_gen.word(${textArray(TOPICS)}, bench_gen.pick(d.id * 1000 + s, 73, ${TOPICS.length}))
           || bench_gen.word(${textArray(ENDINGS)}, bench_gen.pick(d.id * 1000 + s, 74, ${ENDINGS.length})) || '.' AS quote
         FROM bench_gen.doc d CROSS JOIN generate_series(0, ${SENTENCES_PER_DOC - 1}) s) x`,
    `ALTER TABLE bench_gen.sentence ADD PRIMARY KEY (doc_id, k)`,
    `INSERT INTO source_document (id, slug, title, publisher, kind, published_on, published_precision, published_basis, published_reasoning,
         url, language, text, sha256, created_at)
       SELECT d.id, d.partnership_slug || '-doc-' || (d.k + 1), d.title,
         CASE WHEN d.k = 3 THEN 'Regional News Agency' ELSE 'Ministry of Foreign Affairs' END,
         (${textArray(docKinds)})[d.k + 1]::document_kind, d.published_on, 'DAY', 'STATED', NULL,
         'https://docs.example.org/' || d.partnership_slug || '/' || (d.k + 1), 'en', t.text,
         encode(sha256(convert_to(t.text, 'UTF8')), 'hex'), (d.published_on + time '12:00') AT TIME ZONE 'UTC'
       FROM bench_gen.doc d
       JOIN (SELECT s.doc_id, d2.title || E'\\n\\n' || string_agg(s.quote, ' ' ORDER BY s.k) AS text
             FROM bench_gen.sentence s JOIN bench_gen.doc d2 ON d2.id = s.doc_id GROUP BY s.doc_id, d2.title) t ON t.doc_id = d.id`,
    `INSERT INTO partnership_milestone (partnership_id, kind, level, title, occurred_on, occurred_precision, source_document_id, quote, created_at)
       SELECT p.id, 'ESTABLISHED'::milestone_kind,
         CASE WHEN p.level = 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP' THEN 'STRATEGIC_PARTNERSHIP' ELSE p.level END::partnership_level,
         'Partnership established', d.published_on, 'DAY'::date_precision, d.id, NULL, p.created_at
       FROM partnership p JOIN bench_gen.doc d ON d.partnership_id = p.id AND d.k = 0
       UNION ALL
       SELECT p.id, 'UPGRADED', p.level, 'Upgraded to a Comprehensive Strategic Partnership', d.published_on, 'DAY', d.id, NULL, p.created_at
       FROM partnership p JOIN bench_gen.doc d ON d.partnership_id = p.id AND d.k = 2
       WHERE p.level = 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP'`,
    `INSERT INTO actor (id, slug, name, kind, country_code, created_at, updated_at)
       SELECT i, 'actor-' || i,
         CASE kind
           WHEN 'GOVERNMENT' THEN 'Government of ' || c.name
           WHEN 'MINISTRY' THEN 'Ministry of ' || initcap(topic) || ' of ' || c.name
           WHEN 'GOVERNMENT_AGENCY' THEN initcap(topic) || ' Agency of ' || c.name
           WHEN 'COMPANY' THEN initcap(topic) || ' Corporation ' || i
           WHEN 'UNIVERSITY' THEN 'University of ' || c.name || ' no. ' || i
           WHEN 'INTERNATIONAL_ORGANISATION' THEN 'International ' || initcap(topic) || ' Organisation ' || i
           WHEN 'PERSON' THEN 'Envoy ' || i
           ELSE 'Organisation ' || i END,
         kind::actor_kind, CASE WHEN kind = 'INTERNATIONAL_ORGANISATION' THEN NULL ELSE c.code END,
         timestamptz '2026-01-05 08:00Z', timestamptz '2026-01-05 08:00Z'
       FROM (SELECT i,
               (ARRAY['GOVERNMENT', 'MINISTRY', 'MINISTRY', 'MINISTRY', 'GOVERNMENT_AGENCY', 'GOVERNMENT_AGENCY', 'COMPANY', 'COMPANY', 'UNIVERSITY',
                      'INTERNATIONAL_ORGANISATION', 'PERSON', 'OTHER'])[1 + bench_gen.pick(i, 80, 12)] AS kind,
               bench_gen.word(${textArray(TOPICS)}, bench_gen.pick(i, 81, ${TOPICS.length})) AS topic,
               bench_gen.pick(i, 82, ${COUNTRIES.length}) AS country_index
             FROM generate_series(1, ${actors}) i) a
       JOIN (SELECT code, name, (row_number() OVER (ORDER BY code) - 1)::int AS n FROM country) c ON c.n = a.country_index`,
  ];
}

/** One row per commitment id in [lo, hi]: where it sits, when it was announced and its status path. */
function commitmentBase(size: Size, lo: number, hi: number): string {
  const pillars = SIZES[size].partnerships * PILLARS_PER_PARTNERSHIP;
  return `(
    SELECT g AS id, pl.id AS pillar_id, pl.partnership_id, d.partnership_slug, d.id AS doc_id, d.k AS doc_k, d.published_on AS announced_on,
      t.template, t.n, t.final_status,
      -- the history is spread over 35–100% of the days between the announcement and AS_OF
      ((date '${AS_OF}' - d.published_on) * (0.35 + 0.65 * bench_gen.u(g, 3)))::int AS span
    FROM generate_series(${lo}, ${hi}) g
    JOIN pillar pl ON pl.id = 1 + bench_gen.pick(g, 1, ${pillars})
    JOIN bench_gen.doc d ON d.partnership_id = pl.partnership_id AND d.k = bench_gen.pick(g, 2, ${DOCS_PER_PARTNERSHIP})
    JOIN bench_gen.slot s ON s.slot = (g * 37 + 11) % 100
    JOIN bench_gen.template t ON t.template = s.template)`;
}

function commitmentsSql(size: Size, lo: number, hi: number): string {
  const word = (list: readonly string[], salt: number) => `bench_gen.word(${textArray(list)}, bench_gen.pick(b.id, ${salt}, ${list.length}))`;
  const tag = (index: string) => `bench_gen.word(${textArray(TAGS)}, ${index})`;
  return `
    INSERT INTO commitment (id, slug, partnership_id, pillar_id, pillar_basis, title, description, status, status_since, announced_on,
      last_assessed_at, deadline, deadline_precision, tags, version, archived_at, created_at, updated_at)
    SELECT id, slug, partnership_id, pillar_id, pillar_basis, title, description, status, status_since, announced_on,
      last_assessed_at, deadline, deadline_precision, tags, version, NULL, created_at, coalesce(last_assessed_at, created_at)
    FROM (
      SELECT b.id, b.partnership_slug || '-' || b.id AS slug, b.partnership_id, b.pillar_id,
        (CASE WHEN bench_gen.u(b.id, 4) < 0.8 THEN 'STATED' ELSE 'ASSIGNED' END)::pillar_basis AS pillar_basis,
        ${word(VERBS, 5)} || ' ' || ${word(OBJECTS, 6)} || ' ' || ${word(TOPICS, 7)} AS title,
        CASE WHEN bench_gen.u(b.id, 8) < 0.35 THEN
          'The parties will ' || lower(${word(VERBS, 5)}) || ' ' || ${word(OBJECTS, 6)} || ' ' || ${word(TOPICS, 7)}
          || ', with the lead agency reporting progress ' || ${word(['every quarter', 'every year', 'at each summit', 'to the joint committee'], 19)} || '.'
        END AS description,
        b.final_status AS status, e.status_since, b.announced_on,
        CASE WHEN b.n > 1 THEN bench_gen.recorded_at(b.id, b.n - 1, e.status_since) END AS last_assessed_at,
        CASE WHEN bench_gen.u(b.id, 10) < 0.6 THEN
          CASE WHEN bench_gen.pick(b.id, 11, 100) < 45 THEN make_date(extract(year FROM b.announced_on)::int + 1 + bench_gen.pick(b.id, 12, 8), 12, 31)
               WHEN bench_gen.pick(b.id, 11, 100) < 80 THEN (date_trunc('month', b.announced_on + 90 + bench_gen.pick(b.id, 12, 2400)) + interval '1 month - 1 day')::date
               ELSE b.announced_on + 60 + bench_gen.pick(b.id, 12, 2400) END
        END AS deadline,
        CASE WHEN bench_gen.u(b.id, 10) < 0.6 THEN
          (CASE WHEN bench_gen.pick(b.id, 11, 100) < 45 THEN 'YEAR' WHEN bench_gen.pick(b.id, 11, 100) < 80 THEN 'MONTH' ELSE 'DAY' END)::date_precision
        END AS deadline_precision,
        (CASE bench_gen.pick(b.id, 13, 4)
          WHEN 0 THEN ARRAY[]::text[]
          WHEN 1 THEN ARRAY[${tag('t.t0')}]
          WHEN 2 THEN ARRAY[${tag('t.t0')}, ${tag('t.t1')}]
          ELSE ARRAY[${tag('t.t0')}, ${tag('t.t1')}, ${tag('t.t2')}] END)::varchar(60)[] AS tags,
        b.n AS version,
        (b.announced_on + time '08:00') AT TIME ZONE 'UTC' AS created_at
      FROM ${commitmentBase(size, lo, hi)} b
      -- three distinct tags: offsets of 1..7 twice never wrap around 16
      CROSS JOIN LATERAL (SELECT bench_gen.pick(b.id, 14, 16) AS t0,
                                 (bench_gen.pick(b.id, 14, 16) + 1 + bench_gen.pick(b.id, 15, 7)) % 16 AS t1,
                                 (bench_gen.pick(b.id, 14, 16) + 2 + bench_gen.pick(b.id, 15, 7) + bench_gen.pick(b.id, 16, 7)) % 16 AS t2) t
      CROSS JOIN LATERAL (SELECT bench_gen.effective_on(b.id, b.announced_on, b.span, b.n, b.n - 1) AS status_since) e
    ) x`;
}

function historySql(size: Size, lo: number, hi: number): string {
  return `
    INSERT INTO status_change (id, commitment_id, from_status, to_status, effective_on, recorded_at, rationale,
      evidence_url, evidence_title, evidence_date, evidence_document_id, author_kind, author_id, author_name)
    SELECT ${100 * HISTORY_PER_COMMITMENT} * ((b.id - 1) / 100) + bp.rows_before + p.step + 1, b.id, p.from_status, p.to_status, e.effective_on,
      bench_gen.recorded_at(b.id, p.step, e.effective_on),
      CASE WHEN p.step = 0 THEN 'Announced in the partnership''s source document.'
           ELSE bench_gen.status_phrase(p.to_status) || ', ' || bench_gen.word(${textArray(REASONS)}, bench_gen.pick(b.id * 16 + p.step, 17, ${REASONS.length})) || '.' END,
      CASE WHEN ev.needed THEN 'https://news.example.org/' || b.partnership_slug || '/' || b.id || '/' || p.step END,
      CASE WHEN ev.needed THEN 'Progress report on commitment ' || b.id END,
      CASE WHEN ev.needed THEN e.effective_on END,
      NULL,
      (CASE WHEN p.step = 0 THEN 'SYSTEM' ELSE 'API_KEY' END)::author_kind,
      CASE WHEN p.step = 0 THEN 'bench-data' ELSE (1 + bench_gen.pick(b.id * 16 + p.step, 18, 5))::text END,
      CASE WHEN p.step = 0 THEN 'Synthetic data loader' ELSE 'Editor desk ' || (1 + bench_gen.pick(b.id * 16 + p.step, 18, 5)) END
    FROM ${commitmentBase(size, lo, hi)} b
    JOIN bench_gen.path p ON p.template = b.template
    JOIN bench_gen.block_prefix bp ON bp.r = (b.id - 1) % 100
    CROSS JOIN LATERAL (SELECT bench_gen.effective_on(b.id, b.announced_on, b.span, b.n, p.step) AS effective_on) e
    -- evidence where the write rules require it, and on ~30% of the other changes
    CROSS JOIN LATERAL (SELECT p.step > 0 AND (p.to_status IN ('STALLED', 'ABANDONED') OR p.from_status = 'COMPLETED'
                                               OR bench_gen.u(b.id * 16 + p.step, 19) < 0.3) AS needed) ev`;
}

function provenanceSql(size: Size, lo: number, hi: number): string {
  return `
    INSERT INTO provenance (commitment_id, source_document_id, quote, start_offset, end_offset, role, reported_status, created_at)
    SELECT b.id, m.doc_id, s.quote, s.start_offset, s.start_offset + char_length(s.quote), m.role::mention_role, NULL, (d.published_on + time '08:00') AT TIME ZONE 'UTC'
    FROM ${commitmentBase(size, lo, hi)} b
    CROSS JOIN LATERAL (VALUES
      (0, 'ORIGIN', b.doc_id),
      (1, 'LATER_MENTION', CASE WHEN b.doc_k <= 2 AND bench_gen.u(b.id, 20) < 0.15 THEN b.doc_id + 1 END),
      (2, 'EVIDENCE', CASE WHEN b.doc_k <= 1 AND bench_gen.u(b.id, 21) < 0.15 THEN b.doc_id - b.doc_k + 3 END)) m(n, role, doc_id)
    JOIN bench_gen.doc d ON d.id = m.doc_id
    JOIN bench_gen.sentence s ON s.doc_id = m.doc_id AND s.k = bench_gen.pick(b.id * 4 + m.n, 22, ${SENTENCES_PER_DOC})`;
}

function commitmentActorsSql(size: Size, lo: number, hi: number): string {
  const { actors } = SIZES[size];
  const half = Math.floor(actors / 2);
  // a1 = a0 + 1..half, a2 = a1 + 1..half-1 (mod actors): three distinct actors.
  return `
    INSERT INTO commitment_actor (commitment_id, actor_id, role)
    SELECT g, 1 + a.actor, a.role::actor_role
    FROM generate_series(${lo}, ${hi}) g
    CROSS JOIN LATERAL (SELECT bench_gen.pick(g, 30, ${actors}) AS a0, 1 + bench_gen.pick(g, 31, ${half}) AS d1, 1 + bench_gen.pick(g, 32, ${half - 1}) AS d2,
                               CASE WHEN bench_gen.pick(g, 33, 100) < 45 THEN 1 WHEN bench_gen.pick(g, 33, 100) < 80 THEN 2 ELSE 3 END AS how_many) x
    CROSS JOIN LATERAL (VALUES (1, 'LEAD', x.a0), (2, 'SUPPORTING', (x.a0 + x.d1) % ${actors}), (3, 'PARTICIPANT', (x.a0 + x.d1 + x.d2) % ${actors})) a(n, role, actor)
    WHERE a.n <= x.how_many`;
}

function amountsSql(lo: number, hi: number): string {
  return `
    INSERT INTO commitment_amount (commitment_id, value, currency, original_text)
    SELECT g, millions * 1000000, currency, symbol || millions || ' million'
    FROM (SELECT g, 1 + bench_gen.pick(g, 41, 500) AS millions, (ARRAY['USD', 'SGD', 'EUR', 'JPY'])[1 + bench_gen.pick(g, 42, 4)] AS currency,
                 (ARRAY['US$', 'S$', '€', '¥'])[1 + bench_gen.pick(g, 42, 4)] AS symbol
          FROM generate_series(${lo}, ${hi}) g WHERE bench_gen.u(g, 40) < 0.1) x`;
}

// ---------------------------------------------------------------------------------------------------
// Running it

interface Options {
  size: Size;
  serverUrl: string;
  name: string;
  verify: boolean;
}

function parseArgs(argv: string[]): Options {
  let size: string | undefined;
  let serverUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  let name: string | undefined;
  let verify = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--size') size = value().toUpperCase();
    else if (arg.startsWith('--size=')) size = arg.slice(7).toUpperCase();
    else if (arg === '--database-url') serverUrl = value();
    else if (arg.startsWith('--database-url=')) serverUrl = arg.slice(15);
    else if (arg === '--name') name = value();
    else if (arg === '--no-verify') verify = false;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (size !== 'S' && size !== 'L') throw new Error('Usage: npm run bench:data -- --size S|L [--database-url URL] [--name DB] [--no-verify]');
  name ??= `commitment_tracker_bench_${size.toLowerCase()}`;
  // This script drops the database it loads: never let it be anything but a benchmark database.
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(name)) throw new Error(`Refusing to recreate "${name}": the name must contain "bench" (lower case, digits, _)`);
  return { size, serverUrl, name, verify };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const started = performance.now();
const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(6);

async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  console.log(`[${seconds(performance.now() - started)} s] ${label.padEnd(44)} ${seconds(performance.now() - t0)} s`);
  return result;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'bench-data' });
  await client.connect();
  // Bench-only session settings: big sorts in memory, no parallel workers (two connections already
  // keep both cores busy), no waiting for WAL flushes.
  await client.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET max_parallel_maintenance_workers = 0;
    SET max_parallel_workers_per_gather = 0; SET synchronous_commit = off; SET statement_timeout = 0`);
  return client;
}

/** Runs labelled statements on the clients, each taking the next one as it becomes free. */
async function runQueue(clients: Client[], tasks: { label: string; sql: string }[]): Promise<void> {
  const queue = [...tasks];
  await Promise.all(
    clients.map(async (client) => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        const t0 = performance.now();
        await client.query(task.sql);
        console.log(`[${seconds(performance.now() - started)} s]   ${task.label.padEnd(42)} ${seconds(performance.now() - t0)} s`);
      }
    }),
  );
}

/** [lo, hi] ranges splitting 1..n into `parts`, on multiples of 100 (history ids rely on whole blocks). */
function ranges(n: number, parts: number): [number, number][] {
  const blocks = Math.ceil(n / 100);
  const result: [number, number][] = [];
  for (let i = 0; i < parts; i++) {
    const lo = Math.floor((blocks * i) / parts) * 100 + 1;
    const hi = Math.min(n, Math.floor((blocks * (i + 1)) / parts) * 100);
    if (lo <= hi) result.push([lo, hi]);
  }
  return result;
}

const LOADED_TABLES = ['country', 'partnership', 'partnership_party', 'partnership_milestone', 'pillar', 'actor', 'source_document',
  'commitment', 'commitment_actor', 'commitment_amount', 'provenance', 'status_change'];
// pg_trigger.tgtype bits.
const TRIGGER_ON_INSERT = 1 << 2;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const { size } = options;
  const { commitments } = SIZES[size];
  const url = withDatabase(options.serverUrl, options.name);
  console.log(`Size ${size}: ${commitments.toLocaleString('en')} commitments into ${url.replace(/:[^:@/]*@/, ':***@')}`);

  await phase(`(re)create database ${options.name}`, async () => {
    const admin = new Client({ connectionString: options.serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${options.name}"`);
    } finally {
      await admin.end();
    }
  });
  await phase('apply migrations', () => applyMigrations(url));

  const clients = [await connect(url), await connect(url)];
  const db = clients[0]!;
  try {
    const schemaAsMigrated = await schemaSnapshot(db);
    // What to rebuild after the load: every foreign key, and every index of the loaded tables but the
    // primary keys that foreign keys point at (the others are rebuilt as unique indexes, then attached).
    const { rows: foreignKeys } = await db.query<{ name: string; table: string; def: string }>(`
      SELECT c.conname AS name, t.relname AS table, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relnamespace = 'public'::regnamespace`);
    const { rows: indexes } = await db.query<{ name: string; table: string; def: string; primary: boolean }>(`
      SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(i.oid) AS def, x.indisprimary AS primary
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT (x.indisprimary AND EXISTS (SELECT FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t.oid))`, [LOADED_TABLES]);
    const primaryKeys = indexes.filter((index) => index.primary);
    // The user triggers that do not fire on INSERT (the append-only guards): off during the load.
    const { rows: guards } = await db.query<{ name: string; table: string }>(`
      SELECT g.tgname AS name, t.relname AS table FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
      WHERE t.relnamespace = 'public'::regnamespace AND NOT g.tgisinternal AND g.tgtype & ${TRIGGER_ON_INSERT} = 0`);

    await phase(`drop ${foreignKeys.length} foreign keys, ${indexes.length} indexes; disable ${guards.length} triggers`, async () => {
      for (const fk of foreignKeys) await db.query(`ALTER TABLE "${fk.table}" DROP CONSTRAINT "${fk.name}"`);
      for (const index of indexes) {
        await db.query(index.primary ? `ALTER TABLE "${index.table}" DROP CONSTRAINT "${index.name}"` : `DROP INDEX "${index.name}"`);
      }
      for (const guard of guards) await db.query(`ALTER TABLE "${guard.table}" DISABLE TRIGGER "${guard.name}"`);
    });
    await phase('helpers (schema bench_gen)', async () => {
      for (const sql of helpersSql()) await db.query(sql);
    });
    await phase('countries, partnerships, pillars, documents, actors', async () => {
      for (const sql of referenceDataSql(size)) await db.query(sql);
      // Estimates for the joins below: the small tables are the hashed side, generate_series the probe,
      // so that rows are written in id order (as an application would have inserted them).
      await db.query('ANALYZE country, partnership, pillar, actor, bench_gen.doc, bench_gen.sentence, bench_gen.slot, bench_gen.template, bench_gen.path, bench_gen.block_prefix');
    });

    // Each table in two halves of the ids, so that both connections stay busy.
    const halves = ranges(commitments, 2);
    const byHalves = (table: string, sql: (lo: number, hi: number) => string) =>
      halves.map(([lo, hi]) => ({ label: `${table} ${lo}..${hi}`, sql: sql(lo, hi) }));
    await phase('load commitments', () => runQueue(clients, byHalves('commitment', (lo, hi) => commitmentsSql(size, lo, hi))));
    await phase('load history, provenance, actors, amounts', () =>
      runQueue(clients, [
        ...byHalves('status_change', (lo, hi) => historySql(size, lo, hi)),
        ...byHalves('provenance', (lo, hi) => provenanceSql(size, lo, hi)),
        ...byHalves('commitment_actor', (lo, hi) => commitmentActorsSql(size, lo, hi)),
        ...byHalves('commitment_amount', (lo, hi) => amountsSql(lo, hi)),
      ]),
    );

    await phase('rebuild indexes', () => {
      // Largest tables first, so that the two connections finish together.
      const weight: Record<string, number> = { status_change: 5, provenance: 3, commitment: 2, commitment_actor: 2 };
      const cost = (index: { table: string; def: string }) => (weight[index.table] ?? 0) * 10 + (/USING gin/i.test(index.def) ? 15 : 0);
      const ordered = [...indexes].sort((a, b) => cost(b) - cost(a));
      return runQueue(clients, ordered.map((index) => ({ label: index.name, sql: index.def })));
    });
    await phase('re-add primary keys, foreign keys (validated)', async () => {
      for (const pk of primaryKeys) await db.query(`ALTER TABLE "${pk.table}" ADD CONSTRAINT "${pk.name}" PRIMARY KEY USING INDEX "${pk.name}"`);
      await runQueue(clients, foreignKeys.map((fk) => ({ label: fk.name, sql: `ALTER TABLE "${fk.table}" ADD CONSTRAINT "${fk.name}" ${fk.def}` })));
    });
    await phase('enable triggers, set sequences, drop helpers', async () => {
      for (const guard of guards) await db.query(`ALTER TABLE "${guard.table}" ENABLE TRIGGER "${guard.name}"`);
      const { rows: sequences } = await db.query<{ table: string; seq: string }>(`
        SELECT t.relname AS table, pg_get_serial_sequence(quote_ident(t.relname), a.attname) AS seq
        FROM pg_class t JOIN pg_attribute a ON a.attrelid = t.oid
        WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r' AND pg_get_serial_sequence(quote_ident(t.relname), a.attname) IS NOT NULL`);
      for (const { table, seq } of sequences) {
        await db.query(`SELECT setval($1, coalesce((SELECT max(id) FROM "${table}"), 0) + 1, false)`, [seq]);
      }
      await db.query('DROP SCHEMA bench_gen CASCADE');
    });
    await phase('VACUUM ANALYZE', async () => {
      // Every table, derived ones included, largest first.
      const { rows: tables } = await db.query<{ table: string }>(`
        SELECT relname AS table FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY pg_table_size(oid) DESC`);
      await runQueue(clients, tables.map(({ table }) => ({ label: table, sql: `VACUUM (ANALYZE) "${table}"` })));
    });
    const loadSeconds = (performance.now() - started) / 1000;
    // The CPU the two loading backends used: the load's cost whatever else the machine was doing.
    const cpuSeconds = await Promise.all(clients.map(async (client) => {
      const { rows: [{ pid }] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return backendCpuSeconds(pid);
    }));
    const schemaNow = await schemaSnapshot(db);
    const missing = schemaAsMigrated.filter((line) => !schemaNow.includes(line));
    const extra = schemaNow.filter((line) => !schemaAsMigrated.includes(line));
    if (missing.length || extra.length) {
      throw new Error(`The schema differs from the migrated one after the load:\n${[...missing.map((l) => `- ${l}`), ...extra.map((l) => `+ ${l}`)].join('\n')}`);
    }

    const { rows: counts } = await db.query<{ table: string; rows: string }>(
      LOADED_TABLES.map((table) => `SELECT '${table}' AS table, count(*)::text AS rows FROM "${table}"`).join(' UNION ALL '),
    );
    const { rows: [{ bytes }] } = await db.query<{ bytes: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS bytes');
    console.log(`\nLoaded size ${size} in ${loadSeconds.toFixed(1)} s (${bytes}); the loading backends used ${cpuSeconds.map((c) => `${c.toFixed(1)} s`).join(' + ')} of CPU` +
      ` (load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores):`);
    for (const row of counts) console.log(`  ${row.table.padEnd(22)} ${Number(row.rows).toLocaleString('en').padStart(10)}`);

    if (options.verify) await phase('verify invariants', () => verify(db));
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** utime + stime of a local PostgreSQL backend from /proc (NaN when the server is on another machine). */
function backendCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** Indexes, constraints and triggers (with their enabled state) of the public schema, as sorted lines. */
async function schemaSnapshot(client: Client): Promise<string[]> {
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

/** Checks that the data keeps the rules the application relies on. Throws on the first broken one. */
async function verify(client: Client): Promise<void> {
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
      SELECT count(*) + (SELECT 6 - count(*) FROM pg_trigger WHERE tgname ~ '_(append_only|no_truncate)$' AND tgenabled = 'O')
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

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  });
}

export { commitmentsSql, helpersSql, historySql, provenanceSql, referenceDataSql };

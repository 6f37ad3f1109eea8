// The floor: what the benchmark operations cost with no framework at all. A node:http server that answers
// each operation with ONE hand-written SQL statement (a prepared statement per pooled connection) which
// builds the whole response in PostgreSQL, in exactly the JSON shape our GraphQL API returns for the
// same operation; Node only parses the request and copies the text through.
//
//   node floor/server.mjs --port 4102 --database-url postgresql://postgres@127.0.0.1:5432/commitment_tracker_bench_s
//
// POST /dashboard            {}                                          → { data: { partnerships: [...] } }
// POST /list                 { status, first? }                          → { data: { commitments: { nodes } } }
// POST /commitment           { id }               (global ID)            → { data: { commitment } }
// POST /timeline             { from, to }         (LocalDate, monthly)   → { data: { statusTimeline: { points } } }
// POST /timeline-scan        same, computed from status_change instead of the rollup tables (for checks)
// POST /timeline-pillars     same, from status_delta_monthly (per pillar) (for checks)
// POST /update-status        { commitmentId, status, effectiveOn, rationale, evidence?: { url, title, publishedOn } }
//                                                                        → { data: { updateCommitmentStatus } }
// GET  /healthz
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4102' },
    host: { type: 'string', default: '127.0.0.1' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL },
    pool: { type: 'string', default: process.env.DB_POOL_MAX ?? '10' },
  },
});
if (!args['database-url']) throw new Error('--database-url (or DATABASE_URL) is required');

const pool = new pg.Pool({ connectionString: args['database-url'], max: Number(args.pool), application_name: 'bench-floor' });

// Relay global IDs exactly as src/relay/global-id.ts makes them: base64url("<Type>:<id>"), unpadded.
const gid = (type, column) =>
  `translate(rtrim(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '='), '+/', '-_')`;

const STATUS_FIELDS = {
  ANNOUNCED: 'announced',
  IN_PROGRESS: 'inProgress',
  PARTIALLY_COMPLETED: 'partiallyCompleted',
  COMPLETED: 'completed',
  STALLED: 'stalled',
  ABANDONED: 'abandoned',
  SUPERSEDED: 'superseded',
};

// Compact JSON, byte for byte as JSON.stringify writes it (json_build_object and json_agg would add
// spaces): objects are row_to_json of a one-row subquery, lists array_to_json(array_agg(...)).
/** A JSON object from [key, SQL expression] pairs, keys in this order. */
const obj = (fields) => `(SELECT row_to_json(o) FROM (SELECT ${fields.map(([key, expr]) => `${expr} AS "${key}"`).join(', ')}) o)`;
/** A JSON list of objects, one per row of `from` (SQL after FROM), in `orderBy` order ("a.x DESC, a.id DESC"); [] when none. */
const list = (fields, from, orderBy) => {
  const keys = orderBy.split(',').map((part, i) => {
    const [, expr, direction = ''] = /^\s*(.+?)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
    return { expr, alias: `_k${i}`, direction };
  });
  return `coalesce((SELECT array_to_json(array_agg(o.j ORDER BY ${keys.map((k) => `o.${k.alias} ${k.direction}`).join(', ')}))
    FROM (SELECT ${obj(fields)} AS j, ${keys.map((k) => `${k.expr} AS ${k.alias}`).join(', ')} FROM ${from}) o), '[]')`;
};
/** The response envelope around a JSON value: {"data":{"<field>":value}}. */
const data = (field, json) => `'{"data":{"${field}":' || coalesce((${json})::text, 'null') || '}}' AS body`;
const statusCounts = (expr) => obj(Object.entries(STATUS_FIELDS).map(([status, field]) => [field, expr(status)]));

const SQL = {
  // (a) Partnerships by name, their pillars by position, and each pillar's non-archived commitments per
  // status, read from commitment_status_count (the schema's trigger-kept current counts per pillar and
  // status, which our API reads too). A count over commitment instead takes ~1 s at size L.
  dashboard: `
    -- MATERIALIZED: computed once, not once per partnership (a CTE used once is otherwise inlined).
    WITH counts AS MATERIALIZED (
      SELECT pillar_id, ${Object.keys(STATUS_FIELDS).map((st) => `coalesce(sum(count) FILTER (WHERE status = '${st}'), 0)::int AS "${st}"`).join(', ')}
      FROM commitment_status_count GROUP BY pillar_id)
    SELECT ${data('partnerships', list([
      ['id', gid('Partnership', 'p.id')],
      ['name', 'p.name'],
      ['pillars', list([
        ['id', gid('Pillar', 'pl.id')],
        ['name', 'pl.name'],
        ['statusCounts', statusCounts((st) => `coalesce(k."${st}", 0)`)],
      ], 'pillar pl LEFT JOIN counts k ON k.pillar_id = pl.id WHERE pl.partnership_id = p.id', 'pl.position')],
    ], 'partnership p', 'p.name, p.id'))}`,

  // (b) The first N non-archived commitments in a status, latest status change first (ties: highest id).
  list: `
    SELECT ${data('commitments', obj([['nodes', list([
      ['id', gid('Commitment', 'c.id')],
      ['title', 'c.title'],
      ['status', 'c.status'],
      ['statusSince', 'c.status_since'],
      ['pillar', obj([['name', 'pl.name']])],
      ['partnership', obj([['name', 'p.name']])],
    ], `(SELECT id, title, status, status_since, pillar_id, partnership_id FROM commitment
         WHERE status = $1 AND archived_at IS NULL ORDER BY status_since DESC, id DESC LIMIT $2) c
       JOIN pillar pl ON pl.id = c.pillar_id JOIN partnership p ON p.id = c.partnership_id`, 'c.status_since DESC, c.id DESC')]]))}`,

  // (c) One commitment (archived or not, as commitment(id:)) with its history, newest first (first 20), and
  // its provenance, announcing document first.
  commitment: `
    SELECT ${data('commitment', `SELECT ${obj([
      ['id', gid('Commitment', 'c.id')],
      ['title', 'c.title'],
      ['status', 'c.status'],
      ['statusSince', 'c.status_since'],
      ['announcedOn', 'c.announced_on'],
      ['deadline', `CASE WHEN c.deadline IS NOT NULL THEN ${obj([['date', 'c.deadline'], ['precision', 'c.deadline_precision']])} END`],
      ['statusHistory', obj([['nodes', list([
        ['fromStatus', 'h.from_status'],
        ['toStatus', 'h.to_status'],
        ['effectiveOn', 'h.effective_on'],
        ['rationale', 'h.rationale'],
        ['evidence', `CASE WHEN h.evidence_url IS NOT NULL OR h.evidence_document_id IS NOT NULL THEN
          ${obj([['url', 'h.evidence_url'], ['title', 'h.evidence_title'], ['publishedOn', 'h.evidence_date']])} END`],
      ], '(SELECT * FROM status_change WHERE commitment_id = c.id ORDER BY effective_on DESC, id DESC LIMIT 20) h', 'h.effective_on DESC, h.id DESC')]])],
      ['provenance', list([
        ['role', 'pv.role'],
        ['quote', 'pv.quote'],
        ['startOffset', 'pv.start_offset'],
        ['endOffset', 'pv.end_offset'],
        ['document', obj([['title', 'd.title'], ['publishedOn', 'd.published_on']])],
      ], 'provenance pv JOIN source_document d ON d.id = pv.source_document_id WHERE pv.commitment_id = c.id', 'pv.role, pv.id')],
    ])} FROM commitment c WHERE c.id = $1`)}`,

  // (d) For each month from $1 to $2: how many non-archived commitments were in each status at its last day.
  // The deltas come from status_delta_monthly_partnership (the schema's per-partnership, per-month sums of
  // +1/-1 status deltas, a column per status, kept by triggers; our API reads it for an unfiltered
  // timeline); months before the first are folded into it; then a running sum per status.
  // Summed per month first (one row per month), then unpivoted: the unpivot touches months, not rows.
  timeline: timelineSql(`
    SELECT d.month, s.status, s.delta
    FROM (SELECT month, ${Object.keys(STATUS_FIELDS).map((st) => `sum(${st.toLowerCase()})::int AS ${st.toLowerCase()}`).join(', ')}
          FROM status_delta_monthly_partnership WHERE month <= $2::date GROUP BY month) d
    CROSS JOIN LATERAL (VALUES ${Object.keys(STATUS_FIELDS).map((st) => `('${st}'::commitment_status, d.${st.toLowerCase()})`).join(', ')}) s(status, delta)`),
  // From the per-pillar table, as before the partnership table existed: a check of both.
  timelinePillars: timelineSql(`SELECT month, status, sum(delta)::int AS delta FROM status_delta_monthly GROUP BY month, status`),
  // The same from the history itself (every change is -1 for from_status and +1 for to_status on its
  // effective date): a check of status_delta_monthly, and the floor for a schema without it.
  timelineScan: timelineSql(`
    SELECT date_trunc('month', h.effective_on::timestamp)::date AS month, s.status, sum(s.delta)::int AS delta
    FROM status_change h JOIN commitment c ON c.id = h.commitment_id AND c.archived_at IS NULL
    CROSS JOIN LATERAL (VALUES (h.to_status, 1), (h.from_status, -1)) s(status, delta)
    WHERE s.status IS NOT NULL GROUP BY 1, 2`),

  // (e) A status change: lock the row, check the move (another status, not dated before the current one
  // nor the announcement), update the commitment and append the history entry, in one statement (hence
  // one transaction). The history insert fires the schema's triggers like any other.
  updateStatus: `
    WITH cur AS (
      SELECT id, status, status_since, announced_on FROM commitment WHERE id = $1 AND archived_at IS NULL FOR UPDATE),
    upd AS (
      UPDATE commitment c SET status = $2, status_since = $3, version = c.version + 1, last_assessed_at = now(), updated_at = now()
      FROM cur WHERE c.id = cur.id AND cur.status <> $2 AND $3::date >= cur.status_since AND $3::date >= cur.announced_on
      RETURNING c.id, c.status, c.version, c.status_since, cur.status AS from_status),
    ins AS (
      INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, rationale, evidence_url, evidence_title,
        evidence_date, author_kind, author_id, author_name)
      SELECT id, from_status, status, $3, $4, $5, $6, $7, 'API_KEY', 'bench-floor', 'Benchmark floor' FROM upd
      RETURNING from_status, to_status)
    SELECT ${data('updateCommitmentStatus', obj([
      ['commitment', `(SELECT ${obj([['status', 'status'], ['version', 'version'], ['statusSince', 'status_since']])} FROM upd)`],
      ['statusChange', `(SELECT ${obj([['fromStatus', 'from_status'], ['toStatus', 'to_status']])} FROM ins)`],
      ['userErrors', `CASE WHEN EXISTS (SELECT FROM upd) THEN '[]'::json ELSE json_build_array(${obj([
        ['field', 'NULL'],
        ['message', `(SELECT CASE WHEN cur.id IS NULL THEN 'No such commitment, or archived'
                                  WHEN cur.status = $2 THEN 'Commitment ' || cur.id || ' is already ' || cur.status
                                  ELSE 'effectiveOn is before the current status took effect or the announcement' END
                      FROM (SELECT 1) one LEFT JOIN cur ON TRUE)`],
        ['code', `(SELECT CASE WHEN cur.id IS NULL THEN 'NOT_FOUND' ELSE 'BAD_USER_INPUT' END FROM (SELECT 1) one LEFT JOIN cur ON TRUE)`]])}) END`],
    ]))}`,
};

function timelineSql(deltas) {
  return `
    WITH months AS (
      SELECT m::date AS month
      FROM generate_series(date_trunc('month', $1::date::timestamp), date_trunc('month', $2::date::timestamp), interval '1 month') m),
    deltas AS (
      SELECT greatest(d.month, (SELECT min(month) FROM months)) AS month, d.status, sum(d.delta) AS delta
      FROM (${deltas}) d WHERE d.month <= (SELECT max(month) FROM months) GROUP BY 1, 2),
    running AS (
      SELECT m.month, s.status, sum(coalesce(d.delta, 0)) OVER (PARTITION BY s.status ORDER BY m.month)::int AS n
      FROM months m CROSS JOIN unnest(enum_range(NULL::commitment_status)) s(status)
      LEFT JOIN deltas d ON d.month = m.month AND d.status = s.status),
    points AS (
      SELECT month, ${Object.keys(STATUS_FIELDS).map((st) => `max(n) FILTER (WHERE status = '${st}') AS "${st}"`).join(', ')}
      FROM running GROUP BY month)
    SELECT ${data('statusTimeline', obj([['points', list([
      ['asOf', `(pt.month + interval '1 month - 1 day')::date`],
      ['counts', statusCounts((st) => `pt."${st}"`)],
    ], 'points pt', 'pt.month')]]))}`;
}

/** The database id in a global ID of `type`, or null. */
function fromGlobalId(globalId, type) {
  if (typeof globalId !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return null;
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  return match && match[1] === type ? Number(match[2]) : null;
}

const STATUSES = new Set(Object.keys(STATUS_FIELDS));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

class BadRequest extends Error {}

/** Each route: the prepared statement's name and its parameters from the request body. */
const ROUTES = {
  '/dashboard': () => ['dashboard', []],
  '/list': (body) => {
    if (!STATUSES.has(body.status)) throw new BadRequest('status');
    const first = body.first ?? 50;
    if (!Number.isInteger(first) || first < 0 || first > 100) throw new BadRequest('first');
    return ['list', [body.status, first]];
  },
  '/commitment': (body) => ['commitment', [fromGlobalId(body.id, 'Commitment')]],
  '/timeline': (body) => timelineParams('timeline', body),
  '/timeline-scan': (body) => timelineParams('timelineScan', body),
  '/timeline-pillars': (body) => timelineParams('timelinePillars', body),
  '/update-status': (body) => {
    const id = fromGlobalId(body.commitmentId, 'Commitment');
    if (id === null) throw new BadRequest('commitmentId');
    if (!STATUSES.has(body.status)) throw new BadRequest('status');
    if (!DATE.test(body.effectiveOn ?? '')) throw new BadRequest('effectiveOn');
    if (typeof body.rationale !== 'string' || !body.rationale.trim()) throw new BadRequest('rationale');
    const evidence = body.evidence ?? {};
    return ['updateStatus', [id, body.status, body.effectiveOn, body.rationale, evidence.url ?? null, evidence.title ?? null, evidence.publishedOn ?? null]];
  },
};

function timelineParams(name, body) {
  if (!DATE.test(body.from ?? '') || !DATE.test(body.to ?? '') || body.from > body.to) throw new BadRequest('from/to');
  return [name, [body.from, body.to]];
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, '{"status":"ok"}');
  const route = ROUTES[req.url];
  if (req.method !== 'POST' || !route) return send(res, 404, '{"errors":[{"message":"not found"}]}');
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const [name, values] = route(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      const { rows } = await pool.query({ name, text: SQL[name], values });
      send(res, 200, rows[0].body);
    } catch (error) {
      const status = error instanceof BadRequest || error instanceof SyntaxError ? 400 : 500;
      send(res, status, JSON.stringify({ errors: [{ message: status === 400 ? `bad input: ${error.message}` : error.message }] }));
    }
  });
});

server.listen(Number(args.port), args.host, () => console.log(`floor listening on http://${args.host}:${args.port}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
}

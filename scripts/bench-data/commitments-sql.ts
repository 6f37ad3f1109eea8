import { AS_OF, DOCS_PER_PARTNERSHIP, HISTORY_PER_COMMITMENT, PILLARS_PER_PARTNERSHIP, SENTENCES_PER_DOC, SIZES, type Size } from './dataset';
import { textArray } from './helpers-sql';
import { OBJECTS, REASONS, TAGS, TOPICS, VERBS } from './vocabulary';

// Each statement covers the commitment ids [lo, hi], so that the load can split every table between
// connections; rows of one commitment derive from its id alone, whichever range it falls in.

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

export function commitmentsSql(size: Size, lo: number, hi: number): string {
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

export function historySql(size: Size, lo: number, hi: number): string {
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

export function provenanceSql(size: Size, lo: number, hi: number): string {
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

export function commitmentActorsSql(size: Size, lo: number, hi: number): string {
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

export function amountsSql(lo: number, hi: number): string {
  return `
    INSERT INTO commitment_amount (commitment_id, value, currency, original_text)
    SELECT g, millions * 1000000, currency, symbol || millions || ' million'
    FROM (SELECT g, 1 + bench_gen.pick(g, 41, 500) AS millions, (ARRAY['USD', 'SGD', 'EUR', 'JPY'])[1 + bench_gen.pick(g, 42, 4)] AS currency,
                 (ARRAY['US$', 'S$', '€', '¥'])[1 + bench_gen.pick(g, 42, 4)] AS symbol
          FROM generate_series(${lo}, ${hi}) g WHERE bench_gen.u(g, 40) < 0.1) x`;
}

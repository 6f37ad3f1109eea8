import { DOCS_PER_PARTNERSHIP, PILLARS_PER_PARTNERSHIP, SENTENCES_PER_DOC, SIZES, type Size } from './dataset';
import { quote, textArray } from './helpers-sql';
import { CONNECTORS, COUNTRIES, ENDINGS, OBJECTS, PILLAR_THEMES, TOPICS, VERBS } from './vocabulary';

export function referenceDataSql(size: Size): string[] {
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

// How each GraphQL field the compiled path serves is read in SQL. The meaning is not restated here: filters,
// orders, cursors, page rules and counts come from the services' own builders (the filter compiler, the
// keyset orders, pageRequest, the rollup columns), so the compiled path and the resolvers cannot disagree
// on which rows a field returns. Fields missing here are listed by test/execution/coverage.test.ts and
// are served by the resolvers.
import { compileCommitmentFilter, type CommitmentFilterQuery, filterUsesOnly } from '../db/commitment-filter';
import { decodeCommitmentFilter } from '../commitment/api/commitment-filter.decoder';
import type { CommitmentFilter, CommitmentOrder } from '../commitment/api/commitment.input';
import { commitmentOrder } from '../db/commitment.sql';
import { actorCondition, ACTORS_BY_NAME } from '../db/actor.sql';
import type { ActorFilter } from '../actor/api/actor-filter.input';
import { InvalidInputError } from '../common/errors';
import { MAX_NODES } from '../relay/api/node.resolver';
import { IN_TEXT_ORDER } from '../db/provenance.sql';
import { pageRequest } from '../common/page';
import { staleFilter } from '../timeline/follow-through.commands';
import { type ConnectionArgs } from '../relay/api/connection';
import { decodeGlobalId, fromGlobalId, slugOrId } from '../relay/global-id';
import { Keyset, type KeysetOrder } from '../db/keyset';
import { DOCUMENTS_NEWEST_FIRST } from '../db/source-document.sql';
import { COUNT_COLUMNS, STORED_COUNT_COLUMNS, STATUS_COUNT_FIELDS } from '../db/status-counts';
import { HISTORY_NEWEST_FIRST } from '../db/status-change.sql';
import { selectedAsOf } from '../db/as-of';
import { base64url, dateTime, globalId, join, jsonList, type OrderTerm, raw, rowObject, selectList, type Sql, sql } from '../db/json';
import type { FieldCompiler, FieldInput, TypeCompilers, Variables } from './planner';
import { columnNames } from '../db/tables/columns';
import { ACTOR_COLUMNS } from '../db/tables/actor';
import { COMMITMENT_ACTOR_COLUMNS, COMMITMENT_AMOUNT_COLUMNS, COMMITMENT_COLUMNS } from '../db/tables/commitment';
import { COUNTRY_COLUMNS, PARTNERSHIP_COLUMNS, PARTNERSHIP_MILESTONE_COLUMNS, PARTNERSHIP_PARTY_COLUMNS, PILLAR_COLUMNS } from '../db/tables/partnership';
import { PROVENANCE_COLUMNS } from '../db/tables/provenance';
import { SOURCE_DOCUMENT_COLUMNS } from '../db/tables/source-document';
import { STATUS_CHANGE_COLUMNS } from '../db/tables/status-change';

// Columns named through the tables' column maps (src/db/tables/), which the services' SQL reads too.
const PA = columnNames(PARTNERSHIP_COLUMNS);
const PP = columnNames(PARTNERSHIP_PARTY_COLUMNS);
const MS = columnNames(PARTNERSHIP_MILESTONE_COLUMNS);
const PL = columnNames(PILLAR_COLUMNS);
const CO = columnNames(COUNTRY_COLUMNS);
const C = columnNames(COMMITMENT_COLUMNS);
const CA = columnNames(COMMITMENT_ACTOR_COLUMNS);
const AM = columnNames(COMMITMENT_AMOUNT_COLUMNS);
const S = columnNames(STATUS_CHANGE_COLUMNS);
const PV = columnNames(PROVENANCE_COLUMNS);
const SD = columnNames(SOURCE_DOCUMENT_COLUMNS);
const AC = columnNames(ACTOR_COLUMNS);

/** The commitment's column that ties it to a partnership or a pillar. */
const parentColumn = (scope: 'partnership' | 'pillar') => (scope === 'partnership' ? C.partnershipId : C.pillarId);

type Row = (row: string) => Sql;

/** A value of the row in scope, the same for every request. */
const value =
  (expression: Row): FieldCompiler =>
  ({ row }) => {
    const bound = expression(row);
    return () => bound;
  };

const col = (name: string) => value((row) => raw(`${row}.${name}`));
const at = (row: string, column: string) => raw(`${row}.${column}`);

/** The fields every entity type has: `id` (global) and `databaseId`. */
const node = (type: string): Record<string, FieldCompiler> => ({
  id: value((row) => globalId(type, at(row, 'id'))),
  databaseId: col('id'),
});

/** createdAt and updatedAt, as ISO timestamps, from the columns a table's map gives them. */
const timestamps = (columns: { createdAt: string; updatedAt: string }) => ({
  createdAt: value((row) => dateTime(at(row, columns.createdAt))),
  updatedAt: value((row) => dateTime(at(row, columns.updatedAt))),
});

/** A to-one relation: the object of `type` in `table` whose row satisfies `on(child, parent)`; null when there is none. */
function toOne(type: string, table: string, prefix: string, on: (child: string, parent: string) => string): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const object = input.select(type, alias);
    const from = raw(`${table} ${alias} WHERE ${on(alias, input.row)}`);
    return (variables) => sql`(SELECT ${rowObject(object(variables))} FROM ${from})`;
  };
}

/** A list relation, in the order the resolvers return it. */
function toMany(type: string, table: string, prefix: string, on: (child: string, parent: string) => string, order: (alias: string) => OrderTerm[]): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const object = input.select(type, alias);
    const from = raw(`${table} ${alias} WHERE ${on(alias, input.row)}`);
    const orderBy = order(alias);
    return (variables) => jsonList(rowObject(object(variables)), from, orderBy);
  };
}

/** An object made of columns of the row in scope (a deadline, an author), null unless `present` holds. */
function embedded(type: string, present?: Row): FieldCompiler {
  return (input) => {
    const object = input.select(type, input.row);
    const condition = present?.(input.row);
    return (variables) => (condition ? sql`CASE WHEN ${condition} THEN ${rowObject(object(variables))} END` : rowObject(object(variables)));
  };
}

const asc = (...columns: string[]) => (alias: string): OrderTerm[] => columns.map((column) => ({ expression: at(alias, column), direction: 'ASC' }));

// ---- connections ---------------------------------------------------------------------------------------

/**
 * One page of a keyset connection, as the connection object's row: the page's rows (`rows`, of the table's
 * row type, in reading order, one more than the page to learn whether another follows), their cursors, the
 * page request, and the total when selected. The connection's fields (connectionType) read these columns.
 */
interface PageSource {
  /** FROM, with the table aliased as the order's columns expect (e.g. `commitment c`). */
  from: Sql;
  /** The table's alias: its whole-row value is what the page holds. */
  table: string;
  where: Sql;
  keyset: Keyset<{ id: number }>;
  backward: boolean;
  counted: boolean;
  /** Whether anything selected reads a cursor (edges, pageInfo): otherwise none is encoded. */
  cursors: boolean;
}

// The page holds ids and cursors only (cursors are built for the page, not for every row the sort reads);
// the nodes' rows are joined to them where the nodes are written.
function pageOf(alias: string, { from, table, where, keyset, backward, counted, cursors }: PageSource, fields: Sql): Sql {
  const order = keyset.orderBy();
  // The page is a subquery under the table's own alias with the id and the sort column under their own
  // names, so that the order's expressions (`c.status_since`, `c.id`) read it as they read the table.
  const sortColumn = keyset.order.column.text.slice(table.length + 1);
  const total = counted ? sql`(SELECT count(*)::int FROM ${from} WHERE ${where})` : sql`NULL::int`;
  const cursorList = cursors ? sql`array_agg(${cursorOf(keyset.order)} ORDER BY ${order})` : sql`NULL::text[]`;
  return sql`(SELECT row_to_json(o) FROM (SELECT ${fields} FROM (
    SELECT array_agg(${raw(table)}.id ORDER BY ${order}) AS rows, ${cursorList} AS cursors, count(*)::int AS fetched,
      ${keyset.limit - 1}::int AS size, ${backward}::boolean AS backward, ${keyset.hasCursor}::boolean AS from_cursor, ${total} AS total
    FROM (SELECT ${raw(table)}.id, ${keyset.order.column} AS ${raw(sortColumn)} FROM ${from} WHERE ${where} AND ${keyset.where()}
        ORDER BY ${order} LIMIT ${keyset.limit}) ${raw(table)}
  ) ${raw(alias)}) o)`;
}

/** The cursor of a row, as Keyset#cursorOf encodes it: base64url of the JSON [order name, sort value, id]. */
function cursorOf(order: KeysetOrder<never>): Sql {
  const sortValue = {
    date: sql`to_json(${order.column})::text`,
    timestamptz: sql`to_json(${dateTime(order.column)})::text`,
    text: sql`to_json(${order.column}::text)::text`,
    int: sql`(${order.column})::text`,
  }[order.type];
  return base64url(sql`'[' || to_json(${order.name}::text)::text || ',' || coalesce(${sortValue}, 'null') || ',' || (${order.id})::text || ']'`);
}

/** The fields of `<Name>Connection`, `<Name>Edge` and PageInfo over a page row (pageOf), for nodes of `nodeType` in `table` aliased `nodeAlias`. */
function connectionType(nodeType: string, table: string, nodeAlias: string, edgeTypeName = `${nodeType}Edge`): Record<string, FieldCompiler> {
  // The page's nodes (not the extra row), in the order of the connection: reversed when reading backward.
  const nodesOf = (page: string, element: Sql) =>
    sql`coalesce((SELECT array_to_json(array_agg(${element} ORDER BY CASE WHEN ${raw(page)}.backward THEN -${raw(nodeAlias)}._ordinal ELSE ${raw(nodeAlias)}._ordinal END))
      FROM (SELECT ${raw(nodeAlias)}.*, n.ordinal AS _ordinal, ${raw(page)}.cursors[n.ordinal] AS _cursor
        FROM unnest(${raw(page)}.rows[1:${raw(page)}.size]) WITH ORDINALITY AS n(id, ordinal) JOIN ${raw(`${table} ${nodeAlias}`)} ON ${raw(nodeAlias)}.id = n.id) ${raw(nodeAlias)}), '[]'::json)`;
  return {
    nodes: (input) => {
      const object = input.select(nodeType, nodeAlias);
      return (variables) => nodesOf(input.row, rowObject(object(variables)));
    },
    edges: (input) => {
      const edge = input.select(edgeTypeName, nodeAlias);
      return (variables) => nodesOf(input.row, rowObject(edge(variables)));
    },
    pageInfo: embedded('PageInfo'),
    totalCount: col('total'),
  };
}

const edgeType = (nodeType: string): Record<string, FieldCompiler> => ({
  cursor: col('_cursor'),
  node: (input) => {
    const object = input.select(nodeType, input.row);
    return (variables) => rowObject(object(variables));
  },
});

const pageSize = (row: string) => `least(${row}.fetched, ${row}.size)`;
const pageInfo: Record<string, FieldCompiler> = {
  hasNextPage: value((row) => raw(`CASE WHEN ${row}.backward THEN ${row}.from_cursor ELSE ${row}.fetched > ${row}.size END`)),
  hasPreviousPage: value((row) => raw(`CASE WHEN ${row}.backward THEN ${row}.fetched > ${row}.size ELSE ${row}.from_cursor END`)),
  startCursor: value((row) => raw(`${row}.cursors[CASE WHEN ${row}.backward THEN ${pageSize(row)} ELSE least(1, ${pageSize(row)}) END]`)),
  endCursor: value((row) => raw(`${row}.cursors[CASE WHEN ${row}.backward THEN least(1, ${pageSize(row)}) ELSE ${pageSize(row)} END]`)),
};

/** A connection field: `source` gives, for a request's arguments, what to page through. */
function connection(
  connectionTypeName: string,
  source: (input: FieldInput, args: Record<string, unknown>) => { from: Sql; table: string; where: Sql; order: KeysetOrder<{ id: number }> },
): FieldCompiler {
  return (input) => {
    const alias = input.alias('k');
    const fields = input.select(connectionTypeName, alias);
    const counted = input.selects(connectionTypeName, 'totalCount');
    const cursors = input.selects(connectionTypeName, 'edges') || input.selects(connectionTypeName, 'pageInfo');
    return (variables: Variables) => {
      const args = input.args(variables);
      const request = pageRequest(args as ConnectionArgs);
      const { order, ...page } = source(input, args);
      const keyset = new Keyset(order, request);
      return pageOf(alias, { ...page, keyset, backward: request.direction === 'backward', counted, cursors }, selectList(fields(variables)));
    };
  };
}

interface CommitmentArgs {
  filter?: CommitmentFilter | null;
  orderBy?: CommitmentOrder | null;
  asOf?: string | null;
}

/** Commitments under a parent (or all of them): the same filter, order and as-of rules as CommitmentService. */
function commitments(scope?: 'partnership' | 'pillar' | 'actor'): FieldCompiler {
  return connection('CommitmentConnection', ({ row }, args) => {
    const { filter, orderBy, asOf } = args as CommitmentArgs;
    const query = decodeCommitmentFilter(filter);
    const conditions = [asOf ? selectedAsOf(query, asOf) : compileCommitmentFilter(query)];
    let from = sql`commitment c`;
    if (scope === 'actor') {
      from = raw(`commitment c JOIN commitment_actor ca ON ca.${CA.commitmentId} = c.id`);
      conditions.push(raw(`ca.${CA.actorId} = ${row}.id`));
    } else if (scope) {
      conditions.push(raw(`c.${parentColumn(scope)} = ${row}.id`));
    }
    return { from, table: 'c', where: sql`(${join(conditions, ' AND ')})`, order: commitmentOrder(orderBy) as KeysetOrder<{ id: number }> };
  });
}


// ---- status counts -------------------------------------------------------------------------------------

/** StatusCounts of a partnership's or pillar's commitments, read as StatsService#statusCountsOf reads them. */
function statusCounts(scope: 'partnership' | 'pillar'): FieldCompiler {
  return (input) => {
    const alias = input.alias('s');
    const object = input.select('StatusCounts', alias);
    const parent = raw(`c.${parentColumn(scope)} = ${input.row}.id`);
    return (variables) => {
      const filter = decodeCommitmentFilter((input.args(variables) as { filter?: CommitmentFilter | null }).filter);
      const counts = filterUsesOnly(filter)
        ? sql`SELECT ${STORED_COUNT_COLUMNS} FROM commitment_status_count c WHERE ${parent}`
        : sql`SELECT ${COUNT_COLUMNS} FROM commitment c WHERE ${parent} AND ${compileCommitmentFilter(filter)}`;
      return sql`(SELECT ${rowObject(object(variables))} FROM (${counts}) ${raw(alias)})`;
    };
  };
}

/** part / total as JS divides them (float8 division prints the same shortest form); null when total is 0. */
/** How many of a partnership's or pillar's commitments a filter selects (overdueCount, staleCount). */
function countUnder(scope: 'partnership' | 'pillar', filterOf: (args: Record<string, unknown>) => CommitmentFilterQuery): FieldCompiler {
  return (input) => {
    const parent = raw(`c.${parentColumn(scope)} = ${input.row}.id`);
    return (variables) => sql`(SELECT count(*)::int FROM commitment c WHERE ${parent} AND ${compileCommitmentFilter(filterOf(input.args(variables)))})`;
  };
}

const followThrough = (scope: 'partnership' | 'pillar') => ({
  overdueCount: countUnder(scope, () => ({ overdue: true })),
  staleCount: countUnder(scope, (args) => staleFilter(args.days as number)),
});

const rate = (part: (row: string) => string) =>
  value((row) => raw(`CASE WHEN ${row}.total = 0 THEN NULL ELSE (${part(row)})::float8 / ${row}.total END`));

const statusCountFields: Record<string, FieldCompiler> = {
  ...Object.fromEntries(Object.values(STATUS_COUNT_FIELDS).map((field) => [field, value((row) => raw(`${row}."${field}"`))])),
  total: col('total'),
  completionRate: rate((row) => `${row}.completed`),
  followThroughRate: rate((row) => `${row}.completed + ${row}."partiallyCompleted"`),
};

// ---- root fields ---------------------------------------------------------------------------------------

/** `thing(slug:, id:)`: exactly one of the two, as slugOrId checks them. */
function bySlugOrId(type: string, table: string, prefix: string): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const object = input.select(type, alias);
    return (variables) => {
      const { slug, id } = input.args(variables) as { slug?: string | null; id?: string | null };
      const key = slugOrId(slug, id, type);
      const where = 'slug' in key ? sql`${raw(alias)}.slug = ${key.slug}` : sql`${raw(alias)}.id = ${key.id}::int`;
      return sql`(SELECT ${rowObject(object(variables))} FROM ${raw(`${table} ${alias}`)} WHERE ${where})`;
    };
  };
}

function all(type: string, table: string, prefix: string, order: (alias: string) => OrderTerm[]): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const object = input.select(type, alias);
    const orderBy = order(alias);
    return (variables) => jsonList(rowObject(object(variables)), raw(`${table} ${alias}`), orderBy);
  };
}

const query: Record<string, FieldCompiler> = {
  partnerships: all('Partnership', 'partnership', 'pa', asc('name', 'id')),
  partnership: bySlugOrId('Partnership', 'partnership', 'pa'),
  pillars: (input) => {
    const alias = input.alias('pl');
    const object = input.select('Pillar', alias);
    return (variables) => {
      const { partnershipId } = input.args(variables) as { partnershipId?: string | null };
      const where =
        partnershipId == null ? sql`TRUE` : sql`${raw(`${alias}.${PL.partnershipId}`)} = ${fromGlobalId(partnershipId, 'Partnership', ['partnershipId'])}::int`;
      return jsonList(rowObject(object(variables)), sql`${raw(`pillar ${alias}`)} WHERE ${where}`, asc(PL.partnershipId, PL.position)(alias));
    };
  },
  commitments: commitments(),
  commitment: bySlugOrId('Commitment', 'commitment', 'cm'),
  sourceDocument: bySlugOrId('SourceDocument', 'source_document', 'sd'),
  sourceDocuments: connection('SourceDocumentConnection', () => ({
    from: sql`source_document d`,
    table: 'd',
    where: sql`TRUE`,
    order: DOCUMENTS_NEWEST_FIRST as KeysetOrder<{ id: number }>,
  })),
  countries: all('Country', 'country', 'co', asc('name', 'code')),
  actors: connection('ActorConnection', (_input, args) => ({
    from: sql`actor a`,
    table: 'a',
    where: actorCondition(args.filter as ActorFilter | null | undefined),
    order: ACTORS_BY_NAME as KeysetOrder<{ id: number }>,
  })),
  node: (input) => {
    const fetch = nodeFetcher(input);
    return (variables) => fetch(variables, input.args(variables).id as string);
  },
  nodes: (input) => {
    const fetch = nodeFetcher(input);
    return (variables) => {
      const ids = input.args(variables).ids as string[];
      if (ids.length > MAX_NODES) throw new InvalidInputError(`nodes takes at most ${MAX_NODES} ids (got ${ids.length})`, ['ids']);
      return ids.length ? sql`array_to_json(ARRAY[${join(ids.map((id) => fetch(variables, id)), ', ')}]::json[])` : sql`'[]'::json`;
    };
  },
};

/** The tables of the types `node(id:)` fetches (relay/api/node.resolver.ts has the same list). */
const NODE_TABLES: Record<string, string> = {
  Partnership: 'partnership',
  Pillar: 'pillar',
  Commitment: 'commitment',
  Actor: 'actor',
  SourceDocument: 'source_document',
  Provenance: 'provenance',
  StatusChange: 'status_change',
};

/** The object a global ID names, selected as the operation selects it on that type; null for an ID of nothing. */
function nodeFetcher(input: FieldInput): (variables: Variables, id: string) => Sql {
  const byType = Object.entries(NODE_TABLES).map(([type, table]) => {
    const alias = input.alias('n');
    return [type, { from: raw(`${table} ${alias}`), alias: raw(alias), object: input.select(type, alias) }] as const;
  });
  const plans = new Map(byType);
  return (variables, id) => {
    const decoded = decodeGlobalId(id);
    const plan = decoded && plans.get(decoded.type);
    if (!plan) return sql`NULL::json`;
    return sql`(SELECT ${rowObject(plan.object(variables))} FROM ${plan.from} WHERE ${plan.alias}.id = ${decoded.id}::int)`;
  };
}

// ---- entity types --------------------------------------------------------------------------------------

const partnership: Record<string, FieldCompiler> = {
  ...node('Partnership'),
  slug: col(PA.slug),
  name: col(PA.name),
  description: col(PA.description),
  level: col(PA.level),
  ...timestamps(PA),
  parties: toMany('Country', 'country', 'co', (co, pa) => `${co}.${CO.code} IN (SELECT pp.${PP.countryCode} FROM partnership_party pp WHERE pp.${PP.partnershipId} = ${pa}.id)`, asc(CO.code)),
  milestones: toMany('PartnershipMilestone', 'partnership_milestone', 'ms', (ms, pa) => `${ms}.${MS.partnershipId} = ${pa}.id`, asc(MS.occurredOn, MS.id)),
  pillars: toMany('Pillar', 'pillar', 'pl', (pl, pa) => `${pl}.${PL.partnershipId} = ${pa}.id`, asc(PL.position)),
  commitments: commitments('partnership'),
  statusCounts: statusCounts('partnership'),
  ...followThrough('partnership'),
};

const pillar: Record<string, FieldCompiler> = {
  ...node('Pillar'),
  slug: col(PL.slug),
  position: col(PL.position),
  name: col(PL.name),
  description: col(PL.description),
  ...timestamps(PL),
  partnership: toOne('Partnership', 'partnership', 'pa', (pa, pl) => `${pa}.id = ${pl}.${PL.partnershipId}`),
  commitments: commitments('pillar'),
  statusCounts: statusCounts('pillar'),
  ...followThrough('pillar'),
};

const commitment: Record<string, FieldCompiler> = {
  ...node('Commitment'),
  slug: col(C.slug),
  title: col(C.title),
  description: col(C.description),
  status: col(C.status),
  statusSince: col(C.statusSince),
  announcedOn: col(C.announcedOn),
  lastAssessedAt: value((row) => dateTime(at(row, C.lastAssessedAt))),
  assessed: value((row) => raw(`${row}.${C.lastAssessedAt} IS NOT NULL`)),
  pillarBasis: col(C.pillarBasis),
  deadline: embedded('Deadline', (row) => raw(`${row}.${C.deadline} IS NOT NULL AND ${row}.${C.deadlinePrecision} IS NOT NULL`)),
  tags: col(C.tags),
  version: col(C.version),
  archivedAt: value((row) => dateTime(at(row, C.archivedAt))),
  ...timestamps(C),
  partnership: toOne('Partnership', 'partnership', 'pa', (pa, c) => `${pa}.id = ${c}.${C.partnershipId}`),
  pillar: toOne('Pillar', 'pillar', 'pl', (pl, c) => `${pl}.id = ${c}.${C.pillarId}`),
  actors: toMany('CommitmentActor', 'commitment_actor', 'ca', (ca, c) => `${ca}.${CA.commitmentId} = ${c}.id`, asc(CA.role, CA.actorId)),
  provenance: toMany('Provenance', 'provenance', 'pv', (pv, c) => `${pv}.${PV.commitmentId} = ${c}.id`, asc(PV.role, PV.id)),
  amounts: toMany('CommitmentAmount', 'commitment_amount', 'am', (am, c) => `${am}.${AM.commitmentId} = ${c}.id`, asc(AM.id)),
  statusHistory: connection('StatusChangeConnection', ({ row }) => ({
    from: sql`status_change sc`,
    table: 'sc',
    where: raw(`sc.${S.commitmentId} = ${row}.id`),
    order: HISTORY_NEWEST_FIRST as KeysetOrder<{ id: number }>,
  })),
};

const statusChange: Record<string, FieldCompiler> = {
  ...node('StatusChange'),
  fromStatus: col(S.fromStatus),
  toStatus: col(S.toStatus),
  effectiveOn: col(S.effectiveOn),
  recordedAt: value((row) => dateTime(at(row, S.recordedAt))),
  rationale: col(S.rationale),
  evidence: embedded('EvidenceReference', (row) => raw(`(${row}.${S.evidenceUrl} IS NOT NULL OR ${row}.${S.evidenceDocumentId} IS NOT NULL)`)),
  author: embedded('Author'),
};

const provenance: Record<string, FieldCompiler> = {
  ...node('Provenance'),
  commitmentId: value((row) => globalId('Commitment', at(row, PV.commitmentId))),
  sourceDocumentId: value((row) => globalId('SourceDocument', at(row, PV.sourceDocumentId))),
  quote: col(PV.quote),
  startOffset: col(PV.startOffset),
  endOffset: col(PV.endOffset),
  role: col(PV.role),
  reportedStatus: col(PV.reportedStatus),
  document: toOne('SourceDocument', 'source_document', 'sd', (sd, pv) => `${sd}.id = ${pv}.${PV.sourceDocumentId}`),
  commitment: toOne('Commitment', 'commitment', 'cm', (cm, pv) => `${cm}.id = ${pv}.${PV.commitmentId}`),
};

const sourceDocument: Record<string, FieldCompiler> = {
  ...node('SourceDocument'),
  slug: col(SD.slug),
  title: col(SD.title),
  publisher: col(SD.publisher),
  kind: col(SD.kind),
  publishedOn: col(SD.publishedOn),
  publishedPrecision: col(SD.publishedPrecision),
  publishedBasis: col(SD.publishedBasis),
  publishedReasoning: col(SD.publishedReasoning),
  url: col(SD.url),
  language: col(SD.language),
  text: col(SD.text),
  sha256: col(SD.sha256),
  createdAt: value((row) => dateTime(at(row, SD.createdAt))),
  commitments: connection('MentionConnection', ({ row }) => ({
    // Archived commitments are hidden here as in every list of commitments (ProvenanceService#mentionsOf).
    from: raw(`provenance p JOIN commitment c ON c.id = p.${PV.commitmentId}`),
    table: 'p',
    where: raw(`c.${C.archivedAt} IS NULL AND p.${PV.sourceDocumentId} = ${row}.id`),
    order: IN_TEXT_ORDER as KeysetOrder<{ id: number }>,
  })),
};

const actor: Record<string, FieldCompiler> = {
  ...node('Actor'),
  slug: col(AC.slug),
  name: col(AC.name),
  kind: col(AC.kind),
  countryCode: col(AC.countryCode),
  ...timestamps(AC),
  country: toOne('Country', 'country', 'co', (co, a) => `${co}.${CO.code} = ${a}.${AC.countryCode}`),
  commitments: commitments('actor'),
};

export const TYPE_COMPILERS: TypeCompilers = {
  Query: query,
  Partnership: partnership,
  PartnershipMilestone: {
    kind: col(MS.kind),
    level: col(MS.level),
    title: col(MS.title),
    occurredOn: col(MS.occurredOn),
    occurredPrecision: col(MS.occurredPrecision),
    quote: col(MS.quote),
  },
  Country: { code: col(CO.code), name: col(CO.name) },
  Pillar: pillar,
  Commitment: commitment,
  Deadline: { date: col(C.deadline), precision: col(C.deadlinePrecision) },
  CommitmentActor: { role: col(CA.role), actor: toOne('Actor', 'actor', 'ac', (ac, ca) => `${ac}.id = ${ca}.${CA.actorId}`) },
  Actor: actor,
  CommitmentAmount: { value: value((row) => raw(`${row}.${AM.value}::text`)), currency: col(AM.currency), originalText: col(AM.originalText) },
  Provenance: provenance,
  SourceDocument: sourceDocument,
  StatusChange: statusChange,
  // Embedded in a history entry's row: the columns status_change names them by.
  EvidenceReference: {
    url: col(S.evidenceUrl),
    sourceDocumentId: value((row) => sql`CASE WHEN ${at(row, S.evidenceDocumentId)} IS NOT NULL THEN ${globalId('SourceDocument', at(row, S.evidenceDocumentId))} END`),
    title: col(S.evidenceTitle),
    publishedOn: col(S.evidenceDate),
    document: toOne('SourceDocument', 'source_document', 'sd', (sd, sc) => `${sd}.id = ${sc}.${S.evidenceDocumentId}`),
  },
  Author: {
    kind: col(S.authorKind),
    id: value((row) => sql`CASE WHEN ${at(row, S.authorKind)} = 'API_KEY' THEN ${globalId('ApiKey', at(row, S.authorId))} ELSE ${at(row, S.authorId)}::text END`),
    name: col(S.authorName),
  },
  StatusCounts: statusCountFields,
  PageInfo: pageInfo,
  CommitmentConnection: connectionType('Commitment', 'commitment', 'c'),
  CommitmentEdge: edgeType('Commitment'),
  StatusChangeConnection: connectionType('StatusChange', 'status_change', 'sc'),
  StatusChangeEdge: edgeType('StatusChange'),
  SourceDocumentConnection: connectionType('SourceDocument', 'source_document', 'd'),
  SourceDocumentEdge: edgeType('SourceDocument'),
  ActorConnection: connectionType('Actor', 'actor', 'a'),
  ActorEdge: edgeType('Actor'),
  MentionConnection: connectionType('Provenance', 'provenance', 'p', 'MentionEdge'),
  MentionEdge: edgeType('Provenance'),
};


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
import { staleFilter } from '../timeline/follow-through.commands';
import { decodeGlobalId, fromGlobalId, slugOrId } from '../relay/global-id';
import type { KeysetOrder } from '../db/keyset';
import { DOCUMENTS_NEWEST_FIRST } from '../db/source-document.sql';
import { COUNT_COLUMNS, STORED_COUNT_COLUMNS, STATUS_COUNT_FIELDS, storedTargetsMet } from '../db/status-counts';
import { HISTORY_NEWEST_FIRST } from '../db/status-change.sql';
import { commitmentsAsOf } from '../db/as-of';
import { dateTime, globalId, join, jsonList, type OrderTerm, raw, rowObject, type Sql, sql } from '../db/json';
import { Joins, type FieldCompiler, type FieldInput, type TypeCompilers, type Variables } from './planner';
import { asc, at, col, completionRate, embedded, followThroughRate, node, timestamps, toMany, toOne, value } from './field-sql';
import { STATS_COMPILERS, statsQuery } from './stats-sql';
import { TIMELINE_COMPILERS, timelineQuery } from './timeline-sql';
import { SUBSCRIPTION_COMPILERS } from './subscription-sql';
import { connection, connectionType, edgeType, pageInfo } from './connection-sql';
import { columnNames } from '../db/tables/columns';
import { ACTOR_COLUMNS } from '../db/tables/actor';
import { COMMITMENT_ACTOR_COLUMNS, COMMITMENT_AMOUNT_COLUMNS, COMMITMENT_COLUMNS } from '../db/tables/commitment';
import { COUNTRY_COLUMNS, PARTNERSHIP_COLUMNS, PARTNERSHIP_MILESTONE_COLUMNS, PARTNERSHIP_PARTY_COLUMNS, PILLAR_COLUMNS } from '../db/tables/partnership';
import { PROVENANCE_COLUMNS } from '../db/tables/provenance';
import { SOURCE_DOCUMENT_COLUMNS } from '../db/tables/source-document';
import { STATUS_CHANGE_COLUMNS } from '../db/tables/status-change';
import { commitmentAssessmentFields, partyAssessment, target, targetReading } from './assessment-sql';
import { EVIDENCE_COLUMNS, PROGRESS_NOTE_COLUMNS } from '../db/tables/evidence';
import { EVIDENCE_NEWEST_FIRST } from '../db/evidence.sql';

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
const EV = columnNames(EVIDENCE_COLUMNS);
const PN = columnNames(PROGRESS_NOTE_COLUMNS);

/** The commitment's column that ties it to a partnership or a pillar. */
const parentColumn = (scope: 'partnership' | 'pillar') => (scope === 'partnership' ? C.partnershipId : C.pillarId);

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
    const conditions = [compileCommitmentFilter(query, asOf ?? undefined)];
    // As of a day, the page reads the commitments as they stood then, and carries those rows to the nodes.
    const commitment = asOf ? sql`${commitmentsAsOf({ date: asOf })} c` : sql`commitment c`;
    let from = commitment;
    if (scope === 'actor') {
      from = sql`${commitment} JOIN commitment_actor ca ON ca.${raw(CA.commitmentId)} = c.id`;
      conditions.push(raw(`ca.${CA.actorId} = ${row}.id`));
    } else if (scope) {
      conditions.push(raw(`c.${parentColumn(scope)} = ${row}.id`));
    }
    return {
      from,
      table: 'c',
      nodeTable: 'commitment',
      // The as-of relation's rows have the table's columns but not its row type: made into commitment rows by name.
      row: asOf ? sql`jsonb_populate_record(NULL::commitment, to_jsonb(c))` : undefined,
      where: sql`(${join(conditions, ' AND ')})`,
      order: commitmentOrder(orderBy) as KeysetOrder<{ id: number }>,
    };
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
        ? sql`SELECT ${STORED_COUNT_COLUMNS}, ${storedTargetsMet(parentColumn(scope), raw(`${input.row}.id`))} FROM commitment_status_count c WHERE ${parent}`
        : sql`SELECT ${COUNT_COLUMNS} FROM commitment c WHERE ${parent} AND ${compileCommitmentFilter(filter)}`;
      return sql`(SELECT ${rowObject(object(variables))} FROM (${counts}) ${raw(alias)})`;
    };
  };
}

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

const statusCountFields: Record<string, FieldCompiler> = {
  ...Object.fromEntries(Object.values(STATUS_COUNT_FIELDS).map((field) => [field, value((row) => raw(`${row}."${field}"`))])),
  total: col('total'),
  targetsMet: col('"targetsMet"'),
  unassessed: col('unassessed'),
  completionRate,
  followThroughRate,
};

// ---- root fields ---------------------------------------------------------------------------------------

/** `thing(slug:, id:)`: exactly one of the two, as slugOrId checks them. */
function bySlugOrId(type: string, table: string, prefix: string): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const joins = new Joins();
    const object = input.select(type, alias, joins);
    return (variables) => {
      const { slug, id } = input.args(variables) as { slug?: string | null; id?: string | null };
      const key = slugOrId(slug, id, type);
      const where = 'slug' in key ? sql`${raw(alias)}.slug = ${key.slug}` : sql`${raw(alias)}.id = ${key.id}::int`;
      return sql`(SELECT ${rowObject(object(variables))} FROM ${raw(`${table} ${alias}`)}${joins.sql()} WHERE ${where})`;
    };
  };
}

function all(type: string, table: string, prefix: string, order: (alias: string) => OrderTerm[]): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const joins = new Joins();
    const object = input.select(type, alias, joins);
    const orderBy = order(alias);
    return (variables) => jsonList(rowObject(object(variables)), sql`${raw(`${table} ${alias}`)}${joins.sql()}`, orderBy);
  };
}

const query: Record<string, FieldCompiler> = {
  partnerships: all('Partnership', 'partnership', 'pa', asc('name', 'id')),
  partnership: bySlugOrId('Partnership', 'partnership', 'pa'),
  pillars: (input) => {
    const alias = input.alias('pl');
    const joins = new Joins();
    const object = input.select('Pillar', alias, joins);
    return (variables) => {
      const { partnershipId } = input.args(variables) as { partnershipId?: string | null };
      const where =
        partnershipId == null ? sql`TRUE` : sql`${raw(`${alias}.${PL.partnershipId}`)} = ${fromGlobalId(partnershipId, 'Partnership', ['partnershipId'])}::int`;
      return jsonList(rowObject(object(variables)), sql`${raw(`pillar ${alias}`)}${joins.sql()} WHERE ${where}`, asc(PL.partnershipId, PL.position)(alias));
    };
  },
  commitments: commitments(),
  commitment: bySlugOrId('Commitment', 'commitment', 'cm'),
  ...timelineQuery,
  ...statsQuery,
  sourceDocument: bySlugOrId('SourceDocument', 'source_document', 'sd'),
  sourceDocuments: connection('SourceDocumentConnection', () => ({
    from: sql`source_document d`,
    table: 'd',
    nodeTable: 'source_document',
    where: sql`TRUE`,
    order: DOCUMENTS_NEWEST_FIRST as KeysetOrder<{ id: number }>,
  })),
  countries: all('Country', 'country', 'co', asc('name', 'code')),
  actors: connection('ActorConnection', (_input, args) => ({
    from: sql`actor a`,
    table: 'a',
    nodeTable: 'actor',
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
  CommitmentTarget: 'commitment_target',
  ProgressNote: 'progress_note',
  Evidence: 'evidence',
};

/** The object a global ID names, selected as the operation selects it on that type; null for an ID of nothing. */
function nodeFetcher(input: FieldInput): (variables: Variables, id: string) => Sql {
  const byType = Object.entries(NODE_TABLES).map(([type, table]) => {
    const alias = input.alias('n');
    const joins = new Joins();
    const object = input.select(type, alias, joins);
    return [type, { from: sql`${raw(`${table} ${alias}`)}${joins.sql()}`, alias: raw(alias), object }] as const;
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
    nodeTable: 'status_change',
    where: raw(`sc.${S.commitmentId} = ${row}.id`),
    order: HISTORY_NEWEST_FIRST as KeysetOrder<{ id: number }>,
  })),
  ...commitmentAssessmentFields,
  evidence: connection('EvidenceConnection', ({ row }) => ({
    from: sql`evidence ev`,
    table: 'ev',
    nodeTable: 'evidence',
    where: raw(`ev.${EV.commitmentId} = ${row}.id`),
    order: EVIDENCE_NEWEST_FIRST as KeysetOrder<{ id: number }>,
  })),
};

// Progress notes and evidence rows name their author and cited evidence by the columns status_change uses
// (author_kind, evidence_url, …), so that Author and EvidenceReference read all three tables alike.
const progressNote: Record<string, FieldCompiler> = {
  ...node('ProgressNote'),
  effectiveOn: col(PN.effectiveOn),
  note: col(PN.note),
  recordedAt: value((row) => dateTime(at(row, PN.recordedAt))),
  evidence: embedded('EvidenceReference', (row) => raw(`(${row}.${PN.evidenceUrl} IS NOT NULL OR ${row}.${PN.evidenceDocumentId} IS NOT NULL)`)),
  author: embedded('Author'),
};

const evidence: Record<string, FieldCompiler> = {
  ...node('Evidence'),
  url: col(EV.url),
  sourceDocumentId: value((row) => sql`CASE WHEN ${at(row, EV.sourceDocumentId)} IS NOT NULL THEN ${globalId('SourceDocument', at(row, EV.sourceDocumentId))} END`),
  title: col(EV.title),
  publishedOn: col(EV.publishedOn),
  note: col(EV.note),
  recordedAt: value((row) => dateTime(at(row, EV.recordedAt))),
  author: embedded('Author'),
};

const statusChange: Record<string, FieldCompiler> = {
  ...node('StatusChange'),
  fromStatus: col(S.fromStatus),
  toStatus: col(S.toStatus),
  effectiveOn: col(S.effectiveOn),
  recordedAt: value((row) => dateTime(at(row, S.recordedAt))),
  rationale: col(S.rationale),
  correction: col(S.correction),
  holdsUntil: col(S.holdsUntil),
  correctsEntryId: value((row) => sql`CASE WHEN ${at(row, S.correctsId)} IS NOT NULL THEN ${globalId('StatusChange', at(row, S.correctsId))} END`),
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
    nodeTable: 'provenance',
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
  country: toOne('Country', 'country', 'co', (co, a) => `${co}.${CO.code} = ${a}.${AC.countryCode}`, CO.code),
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
  PartyAssessment: partyAssessment,
  CommitmentTarget: target,
  TargetReading: targetReading,
  ProgressNote: progressNote,
  Evidence: evidence,
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
  ...TIMELINE_COMPILERS,
  ...STATS_COMPILERS,
  ...SUBSCRIPTION_COMPILERS,
  PageInfo: pageInfo,
  CommitmentConnection: connectionType('Commitment', 'commitment', 'c'),
  CommitmentEdge: edgeType('Commitment'),
  StatusChangeConnection: connectionType('StatusChange', 'status_change', 'sc'),
  StatusChangeEdge: edgeType('StatusChange'),
  EvidenceConnection: connectionType('Evidence', 'evidence', 'ev'),
  EvidenceEdge: edgeType('Evidence'),
  SourceDocumentConnection: connectionType('SourceDocument', 'source_document', 'd'),
  SourceDocumentEdge: edgeType('SourceDocument'),
  ActorConnection: connectionType('Actor', 'actor', 'a'),
  ActorEdge: edgeType('Actor'),
  MentionConnection: connectionType('Provenance', 'provenance', 'p', 'MentionEdge'),
  MentionEdge: edgeType('Provenance'),
};


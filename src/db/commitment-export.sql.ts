// The export of commitments (GET /export/commitments.csv|json): keyset batches of the commitments a filter
// selects, each commitment with what an analyst reads beside it (its partnership and pillar, its verbatim
// quotes and their documents, its actors, amounts and latest status change), in one statement per batch.
// Keyset batches rather than one cursor: no connection or transaction is held while a slow client reads.
import type { ActorKind, ActorRole, CommitmentStatus, MentionRole } from '../generated/prisma/enums';
import { Prisma } from '../generated/prisma/client';
import { decodeCursor, type Page, type PageRequest } from '../common/page';
import { commitmentsAsOf } from './as-of';
import { dateTime } from './json';
import { fetchPage, Keyset, type KeysetOrder, type RunSql } from './keyset';
import { ACTOR_COLUMNS } from './tables/actor';
import { columnNames, selectList } from './tables/columns';
import { COMMITMENT_ACTOR_COLUMNS, COMMITMENT_AMOUNT_COLUMNS, COMMITMENT_COLUMNS, type CommitmentRow } from './tables/commitment';
import { PILLAR_COLUMNS, PARTNERSHIP_COLUMNS } from './tables/partnership';
import { PROVENANCE_COLUMNS } from './tables/provenance';
import { SOURCE_DOCUMENT_COLUMNS } from './tables/source-document';
import { STATUS_CHANGE_COLUMNS } from './tables/status-change';

export interface ExportedQuote {
  quote: string;
  role: MentionRole;
  documentId: number;
  documentTitle: string;
  documentUrl: string | null;
  /** LocalDate. */
  documentPublishedOn: string;
}

export interface ExportedActor {
  actorId: number;
  name: string;
  kind: ActorKind;
  countryCode: string | null;
  role: ActorRole;
}

export interface ExportedAmount {
  /** Exact decimal text, two places. */
  value: string;
  currency: string;
  originalText: string;
}

export interface ExportedStatusChange {
  fromStatus: CommitmentStatus | null;
  toStatus: CommitmentStatus;
  /** LocalDate. */
  effectiveOn: string;
  /** ISO 8601, UTC. */
  recordedAt: string;
  rationale: string;
}

/** A commitment row with what the export writes beside it. */
export interface CommitmentExportRow extends CommitmentRow {
  partnershipName: string;
  pillarName: string;
  /** The announcing document first, then later mentions and evidence (as Commitment.provenance). */
  quotes: ExportedQuote[];
  /** Leads first (as Commitment.actors). */
  actors: ExportedActor[];
  amounts: ExportedAmount[];
  /** The newest entry of the history (as statusHistory's first); null only for a commitment without one. */
  lastStatusChange: ExportedStatusChange | null;
}

/** In the order commitments were created: an export in it sees each commitment once, even one changed meanwhile. */
export const EXPORT_ORDER: KeysetOrder<CommitmentRow> = {
  name: 'ID:ASC',
  column: Prisma.raw('c.id'),
  id: Prisma.raw('c.id'),
  type: 'int',
  nullable: false,
  direction: 'ASC',
  valueOf: (row) => row.id,
};

const pa = columnNames(PARTNERSHIP_COLUMNS);
const pi = columnNames(PILLAR_COLUMNS);
const p = columnNames(PROVENANCE_COLUMNS);
const d = columnNames(SOURCE_DOCUMENT_COLUMNS);
const ca = columnNames(COMMITMENT_ACTOR_COLUMNS);
const a = columnNames(ACTOR_COLUMNS);
const am = columnNames(COMMITMENT_AMOUNT_COLUMNS);
const sc = columnNames(STATUS_CHANGE_COLUMNS);

// Subqueries of `c` rather than joins, so that the FROM and the keyset's columns are those of every list of commitments.
const EXTRAS = Prisma.raw(`
  (SELECT pa.${pa.name} FROM partnership pa WHERE pa.id = c.${COMMITMENT_COLUMNS.partnershipId}) AS "partnershipName",
  (SELECT pi.${pi.name} FROM pillar pi WHERE pi.id = c.${COMMITMENT_COLUMNS.pillarId}) AS "pillarName",
  (SELECT coalesce(json_agg(json_build_object(
      'quote', p.${p.quote}, 'role', p.${p.role}, 'documentId', d.id, 'documentTitle', d.${d.title},
      'documentUrl', d.${d.url}, 'documentPublishedOn', d.${d.publishedOn}
    ) ORDER BY p.${p.role}, p.id), '[]'::json)
   FROM provenance p JOIN source_document d ON d.id = p.${p.sourceDocumentId} WHERE p.${p.commitmentId} = c.id) AS quotes,
  (SELECT coalesce(json_agg(json_build_object(
      'actorId', a.id, 'name', a.${a.name}, 'kind', a.${a.kind}, 'countryCode', a.${a.countryCode}, 'role', ca.${ca.role}
    ) ORDER BY ca.${ca.role}, ca.${ca.actorId}), '[]'::json)
   FROM commitment_actor ca JOIN actor a ON a.id = ca.${ca.actorId} WHERE ca.${ca.commitmentId} = c.id) AS actors,
  (SELECT coalesce(json_agg(json_build_object(
      'value', am.${am.value}::text, 'currency', am.${am.currency}, 'originalText', am.${am.originalText}
    ) ORDER BY am.id), '[]'::json)
   FROM commitment_amount am WHERE am.${am.commitmentId} = c.id) AS amounts`);

const LAST_STATUS_CHANGE = Prisma.sql`(SELECT json_build_object(
      'fromStatus', sc.${Prisma.raw(sc.fromStatus)}, 'toStatus', sc.${Prisma.raw(sc.toStatus)}, 'effectiveOn', sc.${Prisma.raw(sc.effectiveOn)},
      'recordedAt', ${dateTime(Prisma.raw(`sc.${sc.recordedAt}`))}, 'rationale', sc.${Prisma.raw(sc.rationale)})
   FROM status_change sc WHERE sc.${Prisma.raw(sc.commitmentId)} = c.id
   ORDER BY sc.${Prisma.raw(sc.effectiveOn)} DESC, sc.id DESC LIMIT 1) AS "lastStatusChange"`;

const SELECT = Prisma.sql`${selectList('c', COMMITMENT_COLUMNS)}, ${EXTRAS}, ${LAST_STATUS_CHANGE}`;

/**
 * One batch of the export: up to `size` commitments `where` (a condition on `c`) selects, in `order`, after
 * the row `after` (the last of the previous batch). One statement, whatever the batch holds.
 */
export function readCommitmentExportBatch(
  run: RunSql,
  where: Prisma.Sql,
  order: KeysetOrder<CommitmentRow>,
  size: number,
  after: CommitmentRow | undefined,
  asOf?: string | null,
): Promise<Page<CommitmentExportRow>> {
  const start = new Keyset(order, { direction: 'forward', size });
  const request: PageRequest = { direction: 'forward', size, cursor: after && cursorValues(start, after) };
  const keyset = new Keyset<CommitmentExportRow>(order, request);
  // As of a day, the commitments as they stood then (status and statusSince), as commitments(asOf:) reads them.
  const from = asOf ? Prisma.sql`${commitmentsAsOf({ date: asOf })} c` : Prisma.sql`commitment c`;
  return fetchPage(run, keyset, { select: SELECT, from, where }, (row) => row as unknown as CommitmentExportRow);
}

/** The position of `row` in `order`, as a cursor holds it. */
function cursorValues(keyset: Keyset<CommitmentRow>, row: CommitmentRow): unknown[] {
  return decodeCursor(keyset.cursorOf(row), 'after');
}

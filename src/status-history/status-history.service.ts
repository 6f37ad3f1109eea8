// Reads of the status history. Writes are the commitment write service's: a status change is appended in
// the same transaction that sets the commitment's status.
import { orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { Page, PageRequest } from '../relay/connection';
import { fetchPagesPerParent, Keyset, type KeysetOrder, type RunSql } from '../relay/keyset';
import { fromRow } from '../relay/node.interface';
import { StatusChange } from './api/status-change.type';

/** Newest first by the date it took effect; entries of the same day by the order they were recorded in. */
export const NEWEST_FIRST: KeysetOrder<StatusChange> = {
  name: 'EFFECTIVE_ON:DESC',
  column: Prisma.raw('sc.effective_on'),
  id: Prisma.raw('sc.id'),
  type: 'date',
  nullable: false,
  direction: 'DESC',
  valueOf: (change) => change.effectiveOn,
};

const COLUMNS = Prisma.sql`sc.id, sc.commitment_id AS "commitmentId", sc.from_status AS "fromStatus", sc.to_status AS "toStatus",
  sc.effective_on AS "effectiveOn", sc.recorded_at AS "recordedAt", sc.rationale, sc.evidence_url AS "evidenceUrl",
  sc.evidence_title AS "evidenceTitle", sc.evidence_date AS "evidenceDate", sc.evidence_document_id AS "evidenceDocumentId",
  sc.author_kind AS "authorKind", sc.author_id AS "authorId", sc.author_name AS "authorName"`;

const toStatusChange = (row: object) => fromRow(StatusChange, row);

export class StatusHistoryService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = (sql) => prisma.$queryRaw(sql);
  }

  async findByIds(ids: readonly number[]): Promise<(StatusChange | undefined)[]> {
    const rows = await this.prisma.statusChange.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && toStatusChange(row));
  }

  /** The same page of history for each of several commitments, in one statement (on the (commitment_id, effective_on DESC, id DESC) index). */
  historyOf(commitmentIds: readonly number[], request: PageRequest): Promise<Page<StatusChange>[]> {
    return fetchPagesPerParent(
      this.run,
      new Keyset(NEWEST_FIRST, request),
      { select: COLUMNS, from: Prisma.sql`status_change sc`, where: Prisma.sql`TRUE`, parentColumn: Prisma.sql`sc.commitment_id`, parentIds: commitmentIds },
      toStatusChange,
    );
  }
}

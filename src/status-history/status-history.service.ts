// Reads of the status history. Writes are the commitment write service's: a status change is appended in
// the same transaction that sets the commitment's status.
import { orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { HISTORY_NEWEST_FIRST, historyOfCommitments } from '../db/status-change.sql';
import { EVIDENCE_NEWEST_FIRST, evidenceOfCommitments } from '../db/evidence.sql';
import type { EvidenceRow } from '../db/tables/evidence';
import type { StatusChangeRow } from '../db/tables/status-change';
import type { Page, PageRequest } from '../common/page';
import { fetchPagesPerParent, Keyset, type RunSql, runnerOf } from '../db/keyset';

export class StatusHistoryService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = runnerOf(prisma);
  }

  async findByIds(ids: readonly number[]): Promise<(StatusChangeRow | undefined)[]> {
    const rows = await this.prisma.statusChange.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }

  /** The same page of history for each of several commitments, in one statement. */
  historyOf(commitmentIds: readonly number[], request: PageRequest): Promise<Page<StatusChangeRow>[]> {
    return fetchPagesPerParent(this.run, new Keyset(HISTORY_NEWEST_FIRST, request), historyOfCommitments(commitmentIds), (row) => row as StatusChangeRow);
  }

  /** The same page of attached evidence for each of several commitments, newest first, in one statement. */
  evidenceOf(commitmentIds: readonly number[], request: PageRequest): Promise<Page<EvidenceRow>[]> {
    return fetchPagesPerParent(this.run, new Keyset(EVIDENCE_NEWEST_FIRST, request), evidenceOfCommitments(commitmentIds), (row) => row as EvidenceRow);
  }
}

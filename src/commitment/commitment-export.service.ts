import { compileCommitmentFilter } from '../db/commitment-filter';
import { EXPORT_ORDER, readCommitmentExportBatch, type CommitmentExportRow } from '../db/commitment-export.sql';
import { commitmentOrder } from '../db/commitment.sql';
import { type RunSql, runnerOf } from '../db/keyset';
import type { PrismaClient } from '../db/prisma';
import type { CommitmentExportQuery } from './commitment.queries';

/** Rows per statement: large enough that statements are few, small enough that a batch is a few hundred kB. */
export const EXPORT_BATCH_SIZE = 500;

export class CommitmentExportService {
  private readonly run: RunSql;

  constructor(prisma: PrismaClient) {
    this.run = runnerOf(prisma);
  }

  /**
   * Every commitment the query selects, in keyset batches: the next batch is read only when the caller asks
   * for it, so a slow reader holds no connection and no more than one batch is in memory. The filter is
   * compiled once, so "today" (overdue, staleness) is the day the export started throughout.
   */
  async *batches({ filter, orderBy, asOf }: CommitmentExportQuery, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<CommitmentExportRow[]> {
    const where = compileCommitmentFilter(filter, asOf ?? undefined);
    const order = orderBy ? commitmentOrder(orderBy) : EXPORT_ORDER;
    let after: CommitmentExportRow | undefined;
    for (;;) {
      const batch = await readCommitmentExportBatch(this.run, where, order, batchSize, after, asOf);
      if (batch.nodes.length) yield batch.nodes;
      if (!batch.hasMore) return;
      after = batch.nodes.at(-1);
    }
  }
}

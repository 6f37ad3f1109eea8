// Reads of targets and their readings, batched (the SQL, progress included, is db/target.sql.ts).
import { groupByKeys, orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import type { TargetReadingRow, TargetRow } from '../db/tables/target';
import { readingsByIds, readingsOfTargets, targetsByIds, targetsOfCommitments } from '../db/target.sql';

export class TargetService {
  constructor(private readonly prisma: PrismaClient) {}

  async ofCommitments(commitmentIds: readonly number[]): Promise<TargetRow[][]> {
    return groupByKeys(commitmentIds, await targetsOfCommitments(this.prisma, commitmentIds), (row) => row.commitmentId);
  }

  async findByIds(ids: readonly number[]): Promise<(TargetRow | undefined)[]> {
    return orderByKeys(ids, await targetsByIds(this.prisma, ids), (row) => row.id);
  }

  /** Each target's readings, newest first. */
  async readingsOf(targetIds: readonly number[]): Promise<TargetReadingRow[][]> {
    return groupByKeys(targetIds, await readingsOfTargets(this.prisma, targetIds), (row) => row.targetId);
  }

  async readingsByIds(ids: readonly number[]): Promise<(TargetReadingRow | undefined)[]> {
    return orderByKeys(ids, await readingsByIds(this.prisma, ids), (row) => row.id);
  }
}

import { orderByKeys } from '../common/batch';
import type { Page } from '../common/page';
import { candidatesByIds, candidatesIn, CANDIDATES_IN_ORDER_FOUND } from '../db/commitment-candidate.sql';
import { fetchPage, Keyset, type RunSql, runnerOf } from '../db/keyset';
import type { PrismaClient } from '../db/prisma';
import type { CommitmentCandidateRow } from '../db/tables/commitment-candidate';
import type { CandidatePageQuery } from './candidate.commands';

/** The review queue, read. */
export class CandidateService {
  private readonly run: RunSql;

  constructor(prisma: PrismaClient) {
    this.run = runnerOf(prisma);
  }

  async findByIds(ids: readonly number[]): Promise<(CommitmentCandidateRow | undefined)[]> {
    const rows = await this.run<CommitmentCandidateRow>(candidatesByIds(ids));
    return orderByKeys(ids, rows, (row) => row.id);
  }

  /** A page of the candidates in one state, of one document or of all, in the order they were found. */
  page({ state, documentId, page }: CandidatePageQuery): Promise<Page<CommitmentCandidateRow>> {
    return fetchPage(this.run, new Keyset(CANDIDATES_IN_ORDER_FOUND, page), candidatesIn(state, documentId), (row) => row as unknown as CommitmentCandidateRow);
  }
}

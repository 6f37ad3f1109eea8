// The review queue's statements: its keyset order and filter, and the row lock every decision starts with.
import type { CandidateState } from '../generated/prisma/enums';
import { Prisma } from '../generated/prisma/client';
import type { KeysetOrder, KeysetSource } from './keyset';
import { selectList } from './tables/columns';
import { COMMITMENT_CANDIDATE_COLUMNS, type CommitmentCandidateRow } from './tables/commitment-candidate';

const CANDIDATE_SELECT = selectList('k', COMMITMENT_CANDIDATE_COLUMNS);

/**
 * In the order they were found: by id, which within one document is the order of its text (an ingest inserts
 * its candidates in text order), over `k`, the commitment_candidate table.
 */
export const CANDIDATES_IN_ORDER_FOUND: KeysetOrder<CommitmentCandidateRow> = {
  name: 'ID:ASC',
  column: Prisma.raw('k.id'),
  id: Prisma.raw('k.id'),
  type: 'int',
  nullable: false,
  direction: 'ASC',
  valueOf: (candidate: CommitmentCandidateRow) => candidate.id,
};

/** The candidates in one state, of one document or of all; served by the (state, id) and (document, state, id) indexes. */
export function candidatesIn(state: CandidateState, documentId: number | null): KeysetSource {
  const ofDocument = documentId === null ? Prisma.sql`TRUE` : Prisma.sql`k.source_document_id = ${documentId}::int`;
  return {
    select: CANDIDATE_SELECT,
    from: Prisma.sql`commitment_candidate k`,
    where: Prisma.sql`k.state = ${state}::candidate_state AND ${ofDocument}`,
  };
}

export function candidatesByIds(ids: readonly number[]): Prisma.Sql {
  return Prisma.sql`SELECT ${CANDIDATE_SELECT} FROM commitment_candidate k WHERE k.id = ANY(${[...ids]}::int[])`;
}

/**
 * Locks the candidate's row for the rest of the transaction and reads it: two decisions on one candidate
 * queue here, and the second reads the first's decision once it has committed.
 */
export async function lockCandidateRow(tx: Prisma.TransactionClient, id: number): Promise<CommitmentCandidateRow | undefined> {
  const [row] = await tx.$queryRaw<CommitmentCandidateRow[]>`SELECT ${CANDIDATE_SELECT} FROM commitment_candidate k WHERE k.id = ${id} FOR UPDATE`;
  return row;
}

/**
 * Serialises ingests of the same text (a transaction-scoped advisory lock keyed by its hash), so that of two
 * concurrent ingests of one text the second sees the first's document and is refused, though source_document
 * has no unique index on sha256 (earlier documents may share a text on purpose).
 */
export async function lockDocumentHash(tx: Prisma.TransactionClient, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`source_document.sha256:${sha256}`}, 0))`;
}

// A seeded commitment's status history: written only while the commitment has none, since history is
// append-only and, once there, may hold changes recorded through the API.
import type { ChildWrites } from './seed.child-writes';
import type { SeedReport } from './seed.counts';
import type { SeedCommitment } from './seed.dataset';

/** Who the seed's status changes are attributed to. */
export const SEED_AUTHOR = { authorKind: 'SYSTEM', authorId: 'seed' } as const;

export function planHistory(
  writes: ChildWrites,
  report: SeedReport,
  commitmentId: number,
  commitment: SeedCommitment,
  documentIds: Map<string, number>,
): void {
  for (const { document, ...change } of commitment.history) {
    writes.history.push({ ...change, ...SEED_AUTHOR, commitmentId, evidenceDocumentId: documentIds.get(document)! });
  }
  report.statusChange.created += commitment.history.length;
}

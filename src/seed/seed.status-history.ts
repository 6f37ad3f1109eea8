import type { CommitmentStatus } from '../generated/prisma/enums';
import type { SeedProvenance, SeedStatusChange } from './seed.dataset';

/** A resolved provenance entry with its document's date and title, which the status history needs. */
export interface Mention extends SeedProvenance {
  publishedOn: Date;
  title: string;
}

/**
 * The origin states the first status; each later document that reports a different status moves it on,
 * in date order, effective on that document's date.
 */
export function statusHistory(originStatus: CommitmentStatus, origin: Mention, mentions: Mention[]): SeedStatusChange[] {
  const history: SeedStatusChange[] = [
    {
      fromStatus: null,
      toStatus: originStatus,
      effectiveOn: origin.publishedOn,
      document: origin.document,
      rationale: `Status as stated in the origin document "${origin.title}".`,
    },
  ];
  const reports = mentions
    .filter((mention) => mention.role !== 'ORIGIN' && mention.reportedStatus !== null)
    .sort((a, b) => a.publishedOn.getTime() - b.publishedOn.getTime());
  for (const report of reports) {
    const current = history[history.length - 1]!.toStatus;
    if (report.reportedStatus === current) continue;
    history.push({
      fromStatus: current,
      toStatus: report.reportedStatus!,
      effectiveOn: report.publishedOn,
      document: report.document,
      // The quote is the provenance's, checked verbatim: the entry says what the later document reported.
      rationale: `Reported as ${report.reportedStatus} in "${report.title}": "${report.quote}"`,
    });
  }
  return history;
}

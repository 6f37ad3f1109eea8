// The ingestion and review writes as their services take them: ids decoded, dates as LocalDate text, the rest
// as the client sent it (the rules in ingestion.rules.ts and the services check it).
import type { EntityRef } from '../common/commands';
import type { ActorCommand, DeadlineCommand } from '../commitment/commitment.commands';
import type { CandidateState, CommitmentStatus, DocumentKind } from '../generated/prisma/enums';
import type { PageRequest } from '../common/page';

export interface IngestDocumentCommand {
  title?: string | null;
  /** LocalDate. */
  publishedOn?: string | null;
  sourceUrl?: string | null;
  publisher?: string | null;
  kind?: DocumentKind | null;
  text?: string | null;
  partnership?: EntityRef | null;
}

/** What an editor changes of the extractor's proposal when accepting it; left out, the proposal stands. */
export interface CandidateEdits {
  title?: string | null;
  description?: string | null;
  slug?: string | null;
  pillar?: EntityRef | null;
  /** LocalDate; by default the document's publication day. */
  announcedOn?: string | null;
  /** null: no deadline, whatever the extractor proposed. */
  deadline?: DeadlineCommand | null;
  status?: CommitmentStatus | null;
  actors?: ActorCommand[] | null;
  tags?: string[] | null;
}

export interface AcceptCandidateCommand {
  candidate: EntityRef;
  edits: CandidateEdits;
}

export interface RejectCandidateCommand {
  candidate: EntityRef;
  reason: string;
}

export interface MergeCandidateCommand {
  candidate: EntityRef;
  /** The commitment the quote mentions again; by default the one the extractor found it restates. */
  commitment?: EntityRef | null;
}

export interface CandidatePageQuery {
  state: CandidateState;
  documentId: number | null;
  page: PageRequest;
}

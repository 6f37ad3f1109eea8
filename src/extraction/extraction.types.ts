// The extractor's public shapes: what a caller passes in about a document, and what it gets back to review.

export interface ExtractionContext {
  /** The document's publication day (YYYY-MM-DD): relative deadlines ("within two years") count from it. */
  publishedOn: string;
  /** The partnership's parties, by country code, with the names the texts use for them. */
  parties: { code: string; names: string[] }[];
  actors: { id: number; name: string; aliases: string[] }[];
  /** Each pillar with the texts of the commitments already filed under it, which say more than its name. */
  pillars: { id: number; name: string; texts: string[] }[];
  /** Commitments already recorded, with the quotes that announced or mentioned them. */
  existing: { id: number; text: string; quotes: string[] }[];
}

export type ProposedActorRole = 'LEAD' | 'SUPPORTING' | 'PARTY';
export type ProposedStatus = 'ANNOUNCED' | 'IN_PROGRESS' | 'COMPLETED';
export type ProposedPrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface ProposedActor {
  name: string;
  /** The context actor the name matched; null for a body the context does not know yet. */
  actorId: number | null;
  role: ProposedActorRole;
}

export interface ProposedDeadline {
  /** The first day of the period (YYYY-MM-DD), as the seeds store a deadline of YEAR or MONTH precision. */
  date: string;
  precision: ProposedPrecision;
  /** The words of the text that gave it. */
  text: string;
}

export interface ProposedAmount {
  value: number;
  /** ISO 4217 code. */
  currency: string;
  text: string;
}

export interface CommitmentCandidateProposal {
  quote: string;
  /** UTF-16 offsets into the text: text.slice(start, end) === quote. */
  start: number;
  end: number;
  summary: string;
  actors: ProposedActor[];
  deadline: ProposedDeadline | null;
  amounts: ProposedAmount[];
  /** The status the text gives the undertaking when it states it (signed, launched → COMPLETED). */
  status: ProposedStatus;
  /** The text undertakes not to do it ("will not", "agreed not to"). */
  negated: boolean;
  pillarId: number | null;
  confidence: number;
  /** The most similar existing commitment, when similar enough to be the same one mentioned again. */
  restates: { commitmentId: number; similarity: number } | null;
}

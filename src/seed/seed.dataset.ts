// The dataset as the seed service receives it: validated, every reference resolved, every quote located.
import type { ActorKind, ActorRole, CommitmentStatus, DateBasis, DatePrecision, DocumentKind, MentionRole, MilestoneKind, PartnershipLevel, PillarBasis } from '../generated/prisma/enums';

export interface SeedCountry {
  code: string;
  name: string;
}

export interface SeedActor {
  slug: string;
  name: string;
  kind: ActorKind;
  countryCode: string | null;
}

export interface SeedDocument {
  slug: string;
  title: string;
  publisher: string;
  kind: DocumentKind;
  language: string;
  url: string | null;
  publishedOn: Date;
  publishedPrecision: DatePrecision;
  publishedBasis: DateBasis;
  publishedReasoning: string | null;
  text: string;
  sha256: string;
}

export interface SeedMilestone {
  kind: MilestoneKind;
  level: PartnershipLevel | null;
  title: string;
  occurredOn: Date;
  occurredPrecision: DatePrecision;
  document: string;
  quote: string;
}

export interface SeedPillar {
  slug: string;
  position: number;
  name: string;
  description: string | null;
}

export interface SeedProvenance {
  document: string;
  quote: string;
  /** Code points, start inclusive, end exclusive. */
  startOffset: number;
  endOffset: number;
  role: MentionRole;
  reportedStatus: CommitmentStatus | null;
}

export interface SeedStatusChange {
  fromStatus: CommitmentStatus | null;
  toStatus: CommitmentStatus;
  effectiveOn: Date;
  document: string;
  rationale: string;
}

export interface SeedCommitment {
  slug: string;
  title: string;
  description: string | null;
  pillar: string;
  pillarBasis: PillarBasis;
  /** The latest status of `history`: the origin's, or a later document's. */
  status: CommitmentStatus;
  statusSince: Date;
  announcedOn: Date;
  deadline: Date | null;
  deadlinePrecision: DatePrecision | null;
  tags: string[];
  actors: { actor: string; role: ActorRole }[];
  amounts: { value: string; currency: string; originalText: string }[];
  provenance: SeedProvenance[];
  history: SeedStatusChange[];
}

export interface SeedPartnership {
  slug: string;
  name: string;
  description: string | null;
  level: PartnershipLevel;
  parties: string[];
  milestones: SeedMilestone[];
  pillars: SeedPillar[];
  commitments: SeedCommitment[];
}

export interface SeedDataset {
  countries: SeedCountry[];
  actors: SeedActor[];
  documents: SeedDocument[];
  partnerships: SeedPartnership[];
}

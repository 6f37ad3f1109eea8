// The database enums, as the services and SQL use them. Their GraphQL names and descriptions are in
// api/enums.registration.ts: the lower layers must not depend on type-graphql.
import { ActorKind, ActorRole, CandidateState, CommitmentStatus, DateBasis, DatePrecision, DocumentKind, MentionRole, MilestoneKind, PartnershipLevel, PillarBasis, Role } from '../generated/prisma/enums';

export {
  ActorKind,
  ActorRole,
  CandidateState,
  CommitmentStatus,
  DateBasis,
  DatePrecision,
  DocumentKind,
  MentionRole,
  MilestoneKind,
  PartnershipLevel,
  PillarBasis,
  Role,
};

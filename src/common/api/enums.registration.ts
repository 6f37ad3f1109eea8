// The database enums, exposed to GraphQL with a description on every value. The meaning of each status
// is part of the API contract: dashboards and the compliance score depend on it. graphql/schema.ts imports
// this file for its effect, so that every enum is registered before buildSchema runs.
import { registerEnumType } from 'type-graphql';
import { ActorKind, ActorRole, CandidateState, CommitmentStatus, DateBasis, DatePrecision, DocumentKind, MentionRole, MilestoneKind, PartnershipLevel, PillarBasis, Role } from '../enums';

registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description: 'Where a commitment stands in the world.',
  valuesConfig: {
    ANNOUNCED: { description: 'Pledged; no evidence of action yet.' },
    IN_PROGRESS: { description: 'Work has visibly started: an agreement under negotiation, a programme being set up.' },
    PARTIALLY_COMPLETED: { description: 'Part of what was promised has been delivered.' },
    COMPLETED: { description: 'Delivered as promised.' },
    STALLED: { description: 'Started, then no visible progress; requires evidence to record.' },
    ABANDONED: { description: 'Dropped by the parties; requires evidence to record.' },
    SUPERSEDED: { description: 'Replaced by a later commitment.' },
  },
});

registerEnumType(PartnershipLevel, {
  name: 'PartnershipLevel',
  description: 'The diplomatic level of a bilateral partnership.',
  valuesConfig: {
    STRATEGIC_PARTNERSHIP: { description: 'Strategic Partnership.' },
    COMPREHENSIVE_STRATEGIC_PARTNERSHIP: { description: 'Comprehensive Strategic Partnership, the highest level in Viet Nam\'s framework.' },
    COMPREHENSIVE_PARTNERSHIP: { description: 'Comprehensive Partnership.' },
    OTHER: { description: 'Any other named level.' },
  },
});

registerEnumType(MilestoneKind, {
  name: 'MilestoneKind',
  description: 'What happened to a partnership on a milestone date.',
  valuesConfig: {
    ESTABLISHED: { description: 'The partnership was established at a level.' },
    UPGRADED: { description: 'The partnership was raised to a higher level.' },
    FRAMEWORK: { description: 'A named framework was added inside the partnership.' },
  },
});

registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How much of a date its source gives. A date with precision YEAR or MONTH stands for the whole period.',
  valuesConfig: {
    YEAR: { description: 'Only the year is known ("by 2030").' },
    MONTH: { description: 'The year and month are known ("March 2025").' },
    DAY: { description: 'The exact day is known.' },
  },
});

registerEnumType(DateBasis, {
  name: 'DateBasis',
  description: 'How a date was established.',
  valuesConfig: {
    STATED: { description: 'Printed in the source.' },
    INFERRED: { description: 'Inferred from context; see the reasoning.' },
  },
});

registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'The genre of a source document.',
  valuesConfig: {
    JOINT_STATEMENT: { description: 'A statement issued jointly by the parties.' },
    FACT_SHEET: { description: 'A government fact sheet.' },
    NEWS_REPORT: { description: 'A report by a news outlet.' },
    PRESS_RELEASE: { description: 'A press release by one party.' },
    OTHER: { description: 'Any other document.' },
  },
});

registerEnumType(MentionRole, {
  name: 'MentionRole',
  description: 'Why a document is linked to a commitment.',
  valuesConfig: {
    ORIGIN: { description: 'The document that announced the commitment.' },
    LATER_MENTION: { description: 'A later document that repeats it.' },
    EVIDENCE: { description: 'A document that reports progress on it.' },
  },
});

registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What kind of body an actor is.',
  valuesConfig: {
    GOVERNMENT: { description: 'A national government as a whole.' },
    MINISTRY: { description: 'A government ministry or department.' },
    GOVERNMENT_AGENCY: { description: 'A government agency, authority or state body.' },
    COMPANY: { description: 'A company, state-owned or private.' },
    UNIVERSITY: { description: 'A university or research institute.' },
    INTERNATIONAL_ORGANISATION: { description: 'An international organisation such as ASEAN.' },
    PERSON: { description: 'A named person.' },
    OTHER: { description: 'Any other body.' },
  },
});

registerEnumType(ActorRole, {
  name: 'ActorRole',
  description: 'The part an actor plays in a commitment.',
  valuesConfig: {
    LEAD: { description: 'Responsible for delivering it.' },
    SUPPORTING: { description: 'Helps the lead deliver it.' },
    PARTICIPANT: { description: 'Takes part, without a stated responsibility.' },
  },
});

registerEnumType(PillarBasis, {
  name: 'PillarBasis',
  description: 'Whether a commitment\'s pillar comes from its source or from the curators.',
  valuesConfig: {
    STATED: { description: 'The source document places the commitment under this pillar.' },
    ASSIGNED: { description: 'The source has no pillars; curators assigned this one.' },
  },
});

registerEnumType(Role, {
  name: 'Role',
  description: 'What a caller may do. Each role includes the ones above it.',
  valuesConfig: {
    VIEWER: { description: 'Read everything.' },
    EDITOR: { description: 'Also record status changes, progress notes and evidence, and edit commitments.' },
    ADMIN: { description: 'Also manage partnerships, pillars, source documents, actors and API keys.' },
  },
});

registerEnumType(CandidateState, {
  name: 'CandidateState',
  description: 'Where a commitment candidate (a commitment the extractor proposes from an ingested document) stands in review.',
  valuesConfig: {
    PENDING: { description: 'Not decided yet: in the review queue.' },
    ACCEPTED: { description: 'Accepted: a new commitment was created from it, its quote the commitment\'s origin.' },
    REJECTED: { description: 'Rejected as no commitment, with a reason.' },
    MERGED: { description: 'Merged: its quote was added as a later mention of an existing commitment.' },
  },
});

import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type PubSub } from 'type-graphql';
import { ActorMutationResolver } from '../actor/api/actor-mutation.resolver';
import { authChecker } from '../auth/api/auth-checker';
import { ApiKeyResolver } from '../auth/api/api-key.resolver';
import { ViewerResolver } from '../auth/api/viewer.resolver';
import { CandidateActorResolver, CandidateRestatementResolver, CommitmentCandidateResolver } from '../candidate/api/commitment-candidate.resolver';
import { CommitmentCandidateMutationResolver } from '../candidate/api/commitment-candidate-mutation.resolver';
import { CommitmentMutationResolver } from '../commitment/api/commitment-mutation.resolver';
import '../common/enums';
import '../commitment/api/commitment-change.registration';
import '../common/api/enums.registration';
import { PartnershipResolver } from '../partnership/api/partnership.resolver';
import { PartnershipMutationResolver } from '../partnership/api/partnership-mutation.resolver';
import { PillarMutationResolver } from '../pillar/api/pillar-mutation.resolver';
import { PillarResolver } from '../pillar/api/pillar.resolver';
import { NodeResolver } from '../relay/api/node.resolver';
import { SourceDocumentMutationResolver } from '../source-document/api/source-document-mutation.resolver';
import { ActorResolver } from '../actor/api/actor.resolver';
import { CommitmentActorResolver } from '../actor/api/commitment-actor.resolver';
import { CommitmentResolver } from '../commitment/api/commitment.resolver';
import { CountryResolver } from '../country/api/country.resolver';
import { ProvenanceResolver } from '../source-document/api/provenance.resolver';
import { SourceDocumentResolver } from '../source-document/api/source-document.resolver';
import { StatsResolver } from '../stats/api/stats.resolver';
import { EvidenceReferenceResolver } from '../status-history/api/evidence-reference.resolver';
import { CommitmentComplianceResolver } from '../compliance/api/commitment-compliance.resolver';
import { ComplianceResolver } from '../compliance/api/compliance.resolver';
import { SubscriptionResolver } from '../subscription/api/subscription.resolver';
import {
  CommitmentAnnouncedEventResolver,
  EvidenceEventResolver,
  ProgressNoteEventResolver,
  StatusChangeEventResolver,
  TargetReadingEventResolver,
} from '../timeline/api/commitment-event.resolver';
import { CommitmentPartyAssessmentResolver, PartyAssessmentResolver } from '../party-assessment/api/party-assessment.resolver';
import { CommitmentTargetsResolver, TargetResolver } from '../target/api/target.resolver';
import { CommitmentTimelineResolver } from '../timeline/api/commitment-timeline.resolver';
import { PartnershipFollowThroughResolver, PillarFollowThroughResolver } from '../timeline/api/follow-through.resolver';
import { TimelineResolver } from '../timeline/api/timeline.resolver';

export const resolvers = [
  NodeResolver,
  PartnershipResolver,
  PillarResolver,
  CommitmentResolver,
  ActorResolver,
  CommitmentActorResolver,
  CountryResolver,
  SourceDocumentResolver,
  ProvenanceResolver,
  EvidenceReferenceResolver,
  StatsResolver,
  CommitmentMutationResolver,
  PartnershipMutationResolver,
  PillarMutationResolver,
  SourceDocumentMutationResolver,
  ActorMutationResolver,
  ApiKeyResolver,
  ViewerResolver,
  TimelineResolver,
  CommitmentTimelineResolver,
  CommitmentAnnouncedEventResolver,
  StatusChangeEventResolver,
  ProgressNoteEventResolver,
  EvidenceEventResolver,
  TargetReadingEventResolver,
  PartyAssessmentResolver,
  CommitmentPartyAssessmentResolver,
  TargetResolver,
  CommitmentTargetsResolver,
  PartnershipFollowThroughResolver,
  PillarFollowThroughResolver,
  ComplianceResolver,
  CommitmentComplianceResolver,
  SubscriptionResolver,
  CommitmentCandidateResolver,
  CandidateRestatementResolver,
  CandidateActorResolver,
  CommitmentCandidateMutationResolver,
] as const;

const UNUSED_PUB_SUB: PubSub = {
  publish: () => {
    throw new Error('subscriptions read SubscriptionService.changes, not a PubSub');
  },
  subscribe: () => {
    throw new Error('subscriptions read SubscriptionService.changes, not a PubSub');
  },
};

/** The schema. Subscriptions read each request's services (SubscriptionService.changes), not a PubSub of type-graphql's. */
export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  resolvePlainFieldsByDefault();
  const schema = await buildSchema({
    resolvers: [...resolvers],
    // type-graphql insists on a PubSub even when every subscription brings its own `subscribe`, as ours do.
    pubSub: UNUSED_PUB_SUB,
    // Inputs are validated with class-validator decorators; a failure is a BAD_USER_INPUT naming the field.
    validate: { forbidUnknownValues: false },
    // @Authorized(role) guards writes; the checker throws UNAUTHENTICATED or FORBIDDEN itself (auth/auth-checker.ts).
    authChecker,
  });
  // type-graphql has no option to describe the root types.
  const query = schema.getQueryType();
  if (query) query.description = 'Reads: partnerships, their pillars and commitments, sources and follow-through.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Writes: recording progress on commitments (editors) and managing reference data (admins).';
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = 'Live updates when commitments change.';
  return schema;
}

/**
 * type-graphql wraps every plain field (a property or getter, no @FieldResolver) in a resolver of its own that
 * runs field middlewares and @Authorized checks, which we never put on plain fields and have no global ones of.
 * Where the field's name in the schema is its property's name, graphql-js's default resolver reads the same
 * property: marking those `simple` (type-graphql's own opt-out) saves a wrapper call per field per object, a
 * few hundred on a page of 50 commitments. Renamed fields (`id` from the getter `globalId`) keep the wrapper.
 */
function resolvePlainFieldsByDefault(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.schemaName === field.name && !field.middlewares?.length && !field.roles) field.simple ??= true;
  }
}

/** The SDL committed as schema.graphql: sorted, so that it changes only when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

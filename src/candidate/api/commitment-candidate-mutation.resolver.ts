import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { authenticated } from '../../auth/viewer';
import { toCommitment } from '../../commitment/api/commitment.mapper';
import { mutate } from '../../common/api/payload';
import { Role } from '../../common/enums';
import type { GraphQLContext } from '../../graphql/context';
import { toProvenance, toSourceDocument } from '../../source-document/api/source-document.mapper';
import type { DecisionResult } from '../candidate-review.service';
import { AcceptCandidateInput, IngestDocumentInput, MergeCandidateInput, RejectCandidateInput } from './commitment-candidate.input';
import { acceptCandidateCommand, ingestDocumentCommand, mergeCandidateCommand, rejectCandidateCommand, toCommitmentCandidate } from './commitment-candidate.mapper';
import { CandidateDecisionPayload, IngestDocumentPayload } from './commitment-candidate.payload';

/** Inputs are validated by `mutate`, so that a broken bound is a userError rather than a top-level error. */
const INPUT = { validate: false } as const;

const decisionPayload = ({ candidate, commitment, provenance }: DecisionResult) => ({
  candidate: toCommitmentCandidate(candidate),
  commitment: commitment && toCommitment(commitment),
  provenance: provenance && toProvenance(provenance),
});

@Resolver()
export class CommitmentCandidateMutationResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => IngestDocumentPayload, {
    description:
      'Stores a new document verbatim (refused when the same text is stored already), runs the commitment extractor over it with what its partnership ' +
      'tracks, and stores the proposals as candidates for review (commitmentCandidates); all in one transaction. Editors and admins.',
  })
  ingestDocument(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => IngestDocumentInput, { ...INPUT, description: 'The document.' }) input: IngestDocumentInput,
  ): Promise<IngestDocumentPayload> {
    return mutate(IngestDocumentPayload, input, async () => {
      const { document, candidates } = await services.ingestion.ingest(ingestDocumentCommand(input));
      return { sourceDocument: toSourceDocument(document), candidates: candidates.map(toCommitmentCandidate) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CandidateDecisionPayload, {
    description: 'Accepts a pending candidate: creates the commitment (the proposal with the edits given) with its first history entry and the quote as its origin. Editors and admins.',
  })
  acceptCandidate(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => AcceptCandidateInput, { ...INPUT, description: 'The candidate and the edits.' }) input: AcceptCandidateInput,
  ): Promise<CandidateDecisionPayload> {
    return mutate(CandidateDecisionPayload, input, async () => decisionPayload(await services.candidateReviews.accept(authenticated(viewer), acceptCandidateCommand(input))));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CandidateDecisionPayload, { description: 'Rejects a pending candidate as no commitment, recording why. Editors and admins.' })
  rejectCandidate(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => RejectCandidateInput, { ...INPUT, description: 'The candidate and the reason.' }) input: RejectCandidateInput,
  ): Promise<CandidateDecisionPayload> {
    return mutate(CandidateDecisionPayload, input, async () => decisionPayload(await services.candidateReviews.reject(authenticated(viewer), rejectCandidateCommand(input))));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CandidateDecisionPayload, {
    description: 'Merges a pending candidate into an existing commitment: its quote becomes a later mention (a new provenance) of it. Editors and admins.',
  })
  mergeCandidate(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => MergeCandidateInput, { ...INPUT, description: 'The candidate and the commitment.' }) input: MergeCandidateInput,
  ): Promise<CandidateDecisionPayload> {
    return mutate(CandidateDecisionPayload, input, async () => decisionPayload(await services.candidateReviews.merge(authenticated(viewer), mergeCandidateCommand(input))));
  }
}

import { Field, ObjectType } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import { Payload } from '../../common/api/payload';
import { Provenance } from '../../source-document/api/provenance.type';
import { SourceDocument } from '../../source-document/api/source-document.type';
import { CommitmentCandidate } from './commitment-candidate.type';

@ObjectType('IngestDocumentPayload', { description: 'The result of ingestDocument.' })
export class IngestDocumentPayload extends Payload {
  @Field(() => SourceDocument, { nullable: true, description: 'The document as stored, with its SHA-256; null when nothing was written.' })
  sourceDocument?: SourceDocument;

  @Field(() => [CommitmentCandidate], { nullable: true, description: 'The commitments proposed, in the order of the text (empty when the text makes none); null when nothing was written.' })
  candidates?: CommitmentCandidate[];
}

@ObjectType('CandidateDecisionPayload', { description: 'The result of acceptCandidate, rejectCandidate and mergeCandidate.' })
export class CandidateDecisionPayload extends Payload {
  @Field(() => CommitmentCandidate, { nullable: true, description: 'The candidate with its decision; null when nothing was written.' })
  candidate?: CommitmentCandidate;

  @Field(() => Commitment, { nullable: true, description: 'The commitment created (accepted) or merged into; null for a rejection or when nothing was written.' })
  commitment?: Commitment;

  @Field(() => Provenance, { nullable: true, description: 'The provenance the quote became; null for a rejection or when nothing was written.' })
  provenance?: Provenance;
}

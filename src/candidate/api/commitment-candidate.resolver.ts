import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../../actor/api/actor.type';
import { Commitment } from '../../commitment/api/commitment.type';
import { mapPage, pageRequest } from '../../common/page';
import type { GraphQLContext } from '../../graphql/context';
import { Pillar } from '../../pillar/api/pillar.type';
import { fromGlobalId } from '../../relay/global-id';
import { Connection, type ConnectionShape, toConnection } from '../../relay/api/connection';
import { Provenance } from '../../source-document/api/provenance.type';
import { SourceDocument } from '../../source-document/api/source-document.type';
import { CommitmentCandidatesArgs } from './commitment-candidate.input';
import { toCommitmentCandidate } from './commitment-candidate.mapper';
import { CandidateActor, CandidateRestatement, CommitmentCandidate } from './commitment-candidate.type';

export const CommitmentCandidateConnection = Connection(CommitmentCandidate, 'CommitmentCandidate', 'commitment candidates');

// Every relation resolves through a DataLoader: a page of candidates costs one statement per relation selected.
@Resolver(() => CommitmentCandidate)
export class CommitmentCandidateResolver {
  @Query(() => CommitmentCandidateConnection, {
    description: 'The review queue: commitment candidates in one state (PENDING by default), of one document or of all, in the order they were found, a page at a time. Readable as every other list is.',
  })
  async commitmentCandidates(@Ctx() { services }: GraphQLContext, @Args() args: CommitmentCandidatesArgs): Promise<ConnectionShape<CommitmentCandidate>> {
    const documentId = args.documentId == null ? null : fromGlobalId(args.documentId, 'SourceDocument', ['documentId']);
    const page = await services.candidates.page({ state: args.state, documentId, page: pageRequest(args) });
    return toConnection(mapPage(page, toCommitmentCandidate));
  }

  @FieldResolver(() => SourceDocument, { description: 'The source document it was found in.' })
  async document(@Root() candidate: CommitmentCandidate, @Ctx() { loaders }: GraphQLContext): Promise<SourceDocument> {
    return (await loaders.sourceDocument.load(candidate.sourceDocumentId))!;
  }

  @FieldResolver(() => Pillar, { nullable: true, description: 'The pillar the extractor suggests (by words shared with its commitments); null when none is close enough.' })
  async suggestedPillar(@Root() candidate: CommitmentCandidate, @Ctx() { loaders }: GraphQLContext): Promise<Pillar | undefined> {
    return candidate.suggestedPillarId === null ? undefined : loaders.pillar.load(candidate.suggestedPillarId);
  }

  @FieldResolver(() => Commitment, { nullable: true, description: 'The commitment created from it (ACCEPTED) or merged into (MERGED); null otherwise.' })
  async commitment(@Root() candidate: CommitmentCandidate, @Ctx() { loaders }: GraphQLContext): Promise<Commitment | undefined> {
    return candidate.commitmentId === null ? undefined : loaders.commitment.load(candidate.commitmentId);
  }

  @FieldResolver(() => Provenance, { nullable: true, description: 'The provenance its quote became (ACCEPTED or MERGED); null otherwise.' })
  async provenance(@Root() candidate: CommitmentCandidate, @Ctx() { loaders }: GraphQLContext): Promise<Provenance | undefined> {
    return candidate.provenanceId === null ? undefined : loaders.provenance.load(candidate.provenanceId);
  }
}

@Resolver(() => CandidateRestatement)
export class CandidateRestatementResolver {
  @FieldResolver(() => Commitment, { nullable: true, description: 'The commitment; null if it has since been archived or is unknown.' })
  commitment(@Root() restatement: CandidateRestatement, @Ctx() { loaders }: GraphQLContext): Promise<Commitment | undefined> {
    return loaders.commitment.load(restatement.commitmentDatabaseId);
  }
}

@Resolver(() => CandidateActor)
export class CandidateActorResolver {
  @FieldResolver(() => Actor, { nullable: true, description: 'The known actor the name matched; null for a party as a whole or a body not recorded yet.' })
  async actor(@Root() actor: CandidateActor, @Ctx() { loaders }: GraphQLContext): Promise<Actor | undefined> {
    return actor.actorDatabaseId === null ? undefined : loaders.actor.load(actor.actorDatabaseId);
  }
}

import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import type { GraphQLContext } from '../../graphql/context';
import { Provenance } from './provenance.type';
import { SourceDocument } from './source-document.type';

@Resolver(() => Provenance)
export class ProvenanceResolver {
  @FieldResolver(() => SourceDocument, { description: 'The document that mentions the commitment.' })
  async document(@Root() provenance: Provenance, @Ctx() { loaders }: GraphQLContext): Promise<SourceDocument> {
    return (await loaders.sourceDocument.load(provenance.sourceDocumentId))!;
  }

  @FieldResolver(() => Commitment, { description: 'The commitment mentioned.' })
  async commitment(@Root() provenance: Provenance, @Ctx() { loaders }: GraphQLContext): Promise<Commitment> {
    return (await loaders.commitment.load(provenance.commitmentId))!;
  }
}

import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { SourceDocument } from '../../source-document/api/source-document.type';
import { EvidenceReference } from './evidence.type';

@Resolver(() => EvidenceReference)
export class EvidenceReferenceResolver {
  @FieldResolver(() => SourceDocument, { nullable: true, description: 'The source document, when the evidence is one stored here.' })
  async document(@Root() evidence: EvidenceReference, @Ctx() { loaders }: GraphQLContext): Promise<SourceDocument | null> {
    return evidence.sourceDocumentId === null ? null : ((await loaders.sourceDocument.load(evidence.sourceDocumentId)) ?? null);
  }
}

import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { CreateSourceDocumentPayload } from './source-document-mutation.payload';
import { CreateSourceDocumentInput } from './source-document.input';
import { createSourceDocumentCommand, toProvenance, toSourceDocument } from './source-document.mapper';

@Resolver()
export class SourceDocumentMutationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CreateSourceDocumentPayload, {
    description: 'Stores a source document verbatim, computes its SHA-256, and traces commitments to quotes of it (offsets computed). Admins only.',
  })
  createSourceDocument(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => CreateSourceDocumentInput, { validate: false, description: 'The document.' }) input: CreateSourceDocumentInput,
  ): Promise<CreateSourceDocumentPayload> {
    return mutate(CreateSourceDocumentPayload, input, async () => {
      const { document, provenance } = await services.sourceDocumentWrites.create(createSourceDocumentCommand(input));
      return { sourceDocument: toSourceDocument(document), provenance: provenance.map(toProvenance) };
    });
  }
}

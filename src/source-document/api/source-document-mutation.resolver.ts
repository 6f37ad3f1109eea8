import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { authenticated } from '../../auth/viewer';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { AddProvenancePayload, CreateSourceDocumentPayload } from './source-document-mutation.payload';
import { AddProvenanceInput, CreateSourceDocumentInput } from './source-document.input';
import { addProvenanceCommand, createSourceDocumentCommand, toProvenance, toSourceDocument } from './source-document.mapper';

@Resolver()
export class SourceDocumentMutationResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => CreateSourceDocumentPayload, {
    description: 'Stores a source document verbatim, computes its SHA-256, and traces commitments to quotes of it (offsets computed). Editors and admins.',
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

  @Authorized(Role.EDITOR)
  @Mutation(() => AddProvenancePayload, {
    description: 'Traces a commitment to a quote of a source document stored already (offsets computed; the document is unchanged). Editors and admins.',
  })
  addProvenance(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => AddProvenanceInput, { validate: false, description: 'The quote.' }) input: AddProvenanceInput,
  ): Promise<AddProvenancePayload> {
    return mutate(AddProvenancePayload, input, async () => ({
      provenance: toProvenance(await services.sourceDocumentWrites.addProvenance(authenticated(viewer), addProvenanceCommand(input))),
    }));
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ConnectionArgs, type ConnectionShape, toConnection } from '../../relay/api/connection';
import { pageRequest } from '../../common/page';
import { slugOrId } from '../../relay/global-id';
import { mapPage } from '../../common/page';
import type { Provenance } from './provenance.type';
import { MentionConnection, SourceDocumentConnection } from './source-document-connection.type';
import { toSourceDocument } from './source-document.mapper';
import { SourceDocument } from './source-document.type';

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @Query(() => SourceDocumentConnection, { description: 'Source documents, newest first, a page at a time.' })
  async sourceDocuments(@Ctx() { services }: GraphQLContext, @Args() args: ConnectionArgs): Promise<ConnectionShape<SourceDocument>> {
    return toConnection(mapPage(await services.sourceDocuments.page(pageRequest(args)), toSourceDocument));
  }

  @Query(() => SourceDocument, { nullable: true, description: 'One source document, by slug or by ID (give exactly one); null when there is none.' })
  async sourceDocument(
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('slug', () => String, { nullable: true, description: 'The document\'s slug, e.g. "vn-sg-joint-statement-2025".' }) slug?: string | null,
    @Arg('id', () => ID, { nullable: true, description: 'The document\'s global ID.' }) id?: string | null,
  ): Promise<SourceDocument | undefined> {
    const key = slugOrId(slug, id, 'SourceDocument');
    if ('id' in key) return loaders.sourceDocument.load(key.id);
    const row = await services.sourceDocuments.findBySlug(key.slug);
    return row && toSourceDocument(row);
  }

  @FieldResolver(() => String, { description: 'The full text, exactly as received (quote offsets count Unicode code points in it).' })
  async text(@Root() document: SourceDocument, @Ctx() { loaders }: GraphQLContext): Promise<string> {
    // Documents read for lists come without their text (see SourceDocumentService); a written one has it.
    return document.text ?? (await loaders.sourceDocumentText.load(document.id))!;
  }

  @FieldResolver(() => MentionConnection, {
    description: 'The commitments the document mentions, in the order of its text: each mention with its role (announces, repeats, reports evidence), quote and commitment. Archived commitments are left out.',
  })
  async commitments(@Root() document: SourceDocument, @Ctx() { loaders }: GraphQLContext, @Args() args: ConnectionArgs): Promise<ConnectionShape<Provenance>> {
    return toConnection(await loaders.mentionsOfDocument.load({ args: pageRequest(args), id: document.id }));
  }
}

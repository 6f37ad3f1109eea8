import { Field, ObjectType } from 'type-graphql';
import { DateBasis, DatePrecision, DocumentKind } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';

@ObjectType('SourceDocument', {
  implements: Node,
  description: 'A document commitments are traced to (a joint statement, a fact sheet, a news report), stored verbatim.',
})
export class SourceDocument extends Node {
  readonly typename = 'SourceDocument';

  @Field({ description: 'Stable, human-readable key, e.g. "vn-sg-joint-statement-2025-03".' })
  slug!: string;

  @Field({ description: 'Title of the document.' })
  title!: string;

  @Field({ description: 'Who published it.' })
  publisher!: string;

  @Field(() => DocumentKind, { description: 'What kind of document it is.' })
  kind!: DocumentKind;

  @Field(() => LocalDateScalar, { description: 'When it was published: the first day of the period when the precision is YEAR or MONTH.' })
  publishedOn!: Date;

  @Field(() => DatePrecision, { description: 'How much of the publication date is known.' })
  publishedPrecision!: DatePrecision;

  @Field(() => DateBasis, { description: 'Whether the publication date is printed in the document or inferred.' })
  publishedBasis!: DateBasis;

  @Field(() => String, { nullable: true, description: 'Why the publication date is what it is, above all when it is inferred.' })
  publishedReasoning!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the document was published on the web.' })
  url!: string | null;

  @Field({ description: 'BCP 47 language tag of the text, e.g. "en".' })
  language!: string;

  @Field({ description: 'The full text, exactly as received.' })
  text!: string;

  @Field({ description: 'Hex SHA-256 of the UTF-8 text: proves the text is the document as received.' })
  sha256!: string;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;
}

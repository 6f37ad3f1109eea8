import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../relay/api/node.interface';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { toGlobalId } from '../../relay/global-id';
import { Author, authorFrom, type AuthorColumns } from './author.type';

/** Evidence cited by a status change or a progress note: a URL or a stored source document. */
@ObjectType('EvidenceReference', { description: 'The evidence cited by a status change or progress note.' })
export class EvidenceReference {
  sourceDocumentId!: number | null;

  @Field(() => String, { nullable: true, description: 'Where the evidence can be read, if it is on the web.' })
  url!: string | null;

  @Field(() => ID, { name: 'sourceDocumentId', nullable: true, description: 'The global ID of the source document, when the evidence is one stored here.' })
  get sourceDocumentGlobalId(): string | null {
    return this.sourceDocumentId === null ? null : toGlobalId('SourceDocument', this.sourceDocumentId);
  }

  @Field(() => String, { nullable: true, description: 'Title of the evidence.' })
  title!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the evidence.' })
  publishedOn!: Date | null;
}

/** The evidence columns of a status change or progress note, or null when none was cited. */
export function evidenceFrom(row: {
  evidenceUrl: string | null;
  evidenceDocumentId: number | null;
  evidenceTitle: string | null;
  evidenceDate: Date | null;
}): EvidenceReference | null {
  if (row.evidenceUrl === null && row.evidenceDocumentId === null) return null;
  return Object.assign(new EvidenceReference(), {
    url: row.evidenceUrl,
    sourceDocumentId: row.evidenceDocumentId,
    title: row.evidenceTitle,
    publishedOn: row.evidenceDate,
  });
}

@ObjectType('Evidence', { implements: Node, description: 'A piece of evidence attached to a commitment: a web page or a stored source document. Append-only.' })
export class Evidence extends Node {
  readonly typename = 'Evidence';
  commitmentId!: number;
  sourceDocumentId!: number | null;
  authorKind!: AuthorColumns['authorKind'];
  authorId!: string;
  authorName!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the evidence can be read, if it is on the web.' })
  url!: string | null;

  @Field(() => ID, { name: 'sourceDocumentId', nullable: true, description: 'The global ID of the source document, when the evidence is one stored here.' })
  get sourceDocumentGlobalId(): string | null {
    return this.sourceDocumentId === null ? null : toGlobalId('SourceDocument', this.sourceDocumentId);
  }

  @Field({ description: 'Title of the evidence.' })
  title!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the evidence, when known.' })
  publishedOn!: Date | null;

  @Field(() => String, { nullable: true, description: 'What the evidence shows, in the editor\'s words.' })
  note!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was attached here; set by the database.' })
  recordedAt!: Date;

  @Field(() => Author, { description: 'Who attached it.' })
  get author(): Author {
    return authorFrom(this);
  }
}

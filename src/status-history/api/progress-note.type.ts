import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../relay/api/node.interface';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Author, authorFrom, type AuthorColumns } from './author.type';
import { EvidenceReference, evidenceFrom } from './evidence.type';

@ObjectType('ProgressNote', { implements: Node, description: 'A dated assessment of a commitment that changes no status. Append-only.' })
export class ProgressNote extends Node {
  readonly typename = 'ProgressNote';
  commitmentId!: number;
  evidenceUrl!: string | null;
  evidenceDocumentId!: number | null;
  evidenceTitle!: string | null;
  evidenceDate!: Date | null;
  authorKind!: AuthorColumns['authorKind'];
  authorId!: string;
  authorName!: string | null;

  @Field(() => LocalDateScalar, { description: 'The date the assessment is about.' })
  effectiveOn!: Date;

  @Field({ description: 'The assessment, in the editor\'s words.' })
  note!: string;

  @Field(() => EvidenceReference, { nullable: true, description: 'The evidence cited, if any.' })
  get evidence(): EvidenceReference | null {
    return evidenceFrom(this);
  }

  @Field(() => DateTimeScalar, { description: 'When it was recorded here; set by the database.' })
  recordedAt!: Date;

  @Field(() => Author, { description: 'Who recorded it.' })
  get author(): Author {
    return authorFrom(this);
  }
}

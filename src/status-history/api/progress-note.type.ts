import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { toGlobalId } from '../../relay/global-id';
import { Author, authorFrom, type AuthorColumns } from './author.type';
import { EvidenceReference, evidenceFrom } from './evidence.type';

/** Not a Node (yet): `node(id:)` has no fetcher for it, so its ID is for reference only. */
@ObjectType('ProgressNote', { description: 'A dated assessment of a commitment that changes no status. Append-only.' })
export class ProgressNote {
  id!: number;
  commitmentId!: number;
  evidenceUrl!: string | null;
  evidenceDocumentId!: number | null;
  evidenceTitle!: string | null;
  evidenceDate!: Date | null;
  authorKind!: AuthorColumns['authorKind'];
  authorId!: string;
  authorName!: string | null;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of this entry.' })
  get globalId(): string {
    return toGlobalId('ProgressNote', this.id);
  }

  @Field(() => Int, { description: 'The primary key of this entry in the database.' })
  get databaseId(): number {
    return this.id;
  }

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

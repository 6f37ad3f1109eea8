import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CommitmentStatus } from '../../common/enums';
import { DateTimeScalar } from '../../graphql/scalars';
import { toGlobalId } from '../../relay/global-id';
import { Author, authorFrom, type AuthorColumns } from '../../status-history/api/author.type';
import { EvidenceReference, evidenceFrom } from '../../status-history/api/evidence.type';

/** Not a Node: an entry of a history, reached through its commitment. */
@ObjectType('PartyAssessment', {
  description:
    'One party\'s own assessment of a commitment of its partnership: its status and compliance score for that party, beside the joint status. ' +
    'Append-only: a new assessment of the same party replaces the old one as the current one, and the old one stays in partyAssessmentHistory.',
})
export class PartyAssessment {
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
    return toGlobalId('PartyAssessment', this.id);
  }

  @Field(() => Int, { description: 'The primary key of this entry in the database.' })
  get databaseId(): number {
    return this.id;
  }

  @Field({ description: 'ISO 3166-1 alpha-2 code of the party assessed.' })
  countryCode!: string;

  @Field(() => CommitmentStatus, { description: 'Where the commitment stands for this party.' })
  status!: CommitmentStatus;

  @Field(() => Int, {
    nullable: true,
    description:
      'The compliance score given for this party: -1, 0 or +1. Null when none was given: compliance by country then scores `status` by the ' +
      'compliance rules (against the commitment\'s deadline on the day scored).',
  })
  score!: number | null;

  @Field({ description: 'Why, in the editor\'s words.' })
  rationale!: string;

  @Field(() => EvidenceReference, { nullable: true, description: 'The evidence cited, if any.' })
  get evidence(): EvidenceReference | null {
    return evidenceFrom(this);
  }

  @Field(() => DateTimeScalar, { description: 'When it was recorded; set by the database. It counts from then on (compliance as of a day counts those recorded by the end of that day, UTC).' })
  assessedAt!: Date;

  @Field(() => Author, { description: 'Who recorded it.' })
  get author(): Author {
    return authorFrom(this);
  }
}

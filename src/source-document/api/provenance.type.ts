import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CommitmentStatus, MentionRole } from '../../common/enums';
import { toGlobalId } from '../../relay/global-id';
import { Node } from '../../relay/api/node.interface';

@ObjectType('Provenance', { implements: Node, description: 'A verbatim quote of a source document that a commitment is traced to.' })
export class Provenance extends Node {
  readonly typename = 'Provenance';
  commitmentId!: number;
  sourceDocumentId!: number;

  @Field(() => ID, { name: 'commitmentId', description: 'Global ID of the commitment quoted about.' })
  get commitmentGlobalId(): string {
    return toGlobalId('Commitment', this.commitmentId);
  }

  @Field(() => ID, { name: 'sourceDocumentId', description: 'Global ID of the source document quoted.' })
  get sourceDocumentGlobalId(): string {
    return toGlobalId('SourceDocument', this.sourceDocumentId);
  }

  @Field({ description: 'The text of the document between the offsets, verbatim.' })
  quote!: string;

  @Field(() => Int, { description: 'Where the quote starts in the text, in Unicode code points from 0 (PostgreSQL\'s substr counts the same way, from 1).' })
  startOffset!: number;

  @Field(() => Int, { description: 'Where the quote ends in the text, in code points, exclusive.' })
  endOffset!: number;

  @Field(() => MentionRole, { description: 'Why the document is linked to the commitment.' })
  role!: MentionRole;

  @Field(() => CommitmentStatus, { nullable: true, description: 'The status this mention reports, when it reports one.' })
  reportedStatus!: CommitmentStatus | null;
}

import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CandidateState, CommitmentStatus, DatePrecision } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { toGlobalId } from '../../relay/global-id';
import { Author, authorFrom, type AuthorKind } from '../../status-history/api/author.type';

export enum CandidateActorRole {
  LEAD = 'LEAD',
  SUPPORTING = 'SUPPORTING',
  PARTY = 'PARTY',
}

registerEnumType(CandidateActorRole, {
  name: 'CandidateActorRole',
  description: 'The part the extractor reads an actor as playing in a candidate.',
  valuesConfig: {
    LEAD: { description: 'The body that carries it out ("led by", or the subject of the undertaking).' },
    SUPPORTING: { description: 'A body that helps ("with the support of", "in partnership with").' },
    PARTY: { description: 'A party to the partnership as a whole ("the two sides", "Viet Nam").' },
  },
});

export enum CandidateProposal {
  NEW_COMMITMENT = 'NEW_COMMITMENT',
  NEW_PROVENANCE = 'NEW_PROVENANCE',
}

registerEnumType(CandidateProposal, {
  name: 'CandidateProposal',
  description: 'What the extractor proposes to do with a candidate.',
  valuesConfig: {
    NEW_COMMITMENT: { description: 'A commitment not tracked yet: acceptCandidate creates it.' },
    NEW_PROVENANCE: { description: 'A commitment tracked already, seen again in this document: mergeCandidate adds the quote as its new provenance.' },
  },
});

@ObjectType('CandidateActor', { description: 'An actor the extractor names in a candidate.' })
export class CandidateActor {
  @Field({ description: 'The name as the extractor has it: a known actor\'s name, a party\'s country code, or a body the text names.' })
  name!: string;

  /** The known actor's database id. */
  actorDatabaseId!: number | null;

  @Field(() => CandidateActorRole, { description: 'The part it plays.' })
  role!: CandidateActorRole;
}

@ObjectType('CandidateDeadline', { description: 'A deadline the extractor read in a candidate\'s quote.' })
export class CandidateDeadline {
  @Field(() => LocalDateScalar, { description: 'The first day of the period the text gives (accepting stores the period\'s last day, as every deadline).' })
  date!: Date;

  @Field(() => DatePrecision, { description: 'How much of the date the text gives.' })
  precision!: DatePrecision;

  @Field(() => String, { nullable: true, description: 'The words of the text that gave it.' })
  text!: string | null;
}

@ObjectType('CandidateAmount', { description: 'A sum of money the extractor read in a candidate\'s quote.' })
export class CandidateAmount {
  @Field(() => Float, { description: 'The amount, in units of the currency.' })
  value!: number;

  @Field({ description: 'ISO 4217 code.' })
  currency!: string;

  @Field({ description: 'The amount as the text writes it.' })
  text!: string;
}

@ObjectType('CandidateRestatement', { description: 'An existing commitment a candidate\'s quote most likely mentions again.' })
export class CandidateRestatement {
  /** The commitment's database id. */
  commitmentDatabaseId!: number;

  @Field(() => ID, { description: 'Global ID of the commitment.' })
  get commitmentId(): string {
    return toGlobalId('Commitment', this.commitmentDatabaseId);
  }

  @Field(() => Float, { description: 'How alike the quote and the commitment\'s title and quotes are (cosine of TF-IDF vectors, 0 to 1).' })
  similarity!: number;
}

/**
 * Not a Node (yet): `node(id:)` is also answered by the compiled execution, whose table list does not know
 * candidates, and would answer null for one. The ID is global and typed all the same.
 */
@ObjectType('CommitmentCandidate', {
  description: 'A commitment the extractor proposes from an ingested document, with its verbatim quote, waiting for (or after) an editor\'s review.',
})
export class CommitmentCandidate {
  id!: number;
  sourceDocumentId!: number;
  suggestedPillarId!: number | null;
  commitmentId!: number | null;
  provenanceId!: number | null;
  restatesId!: number | null;
  restatesSimilarity!: number | null;
  deadlineDate!: Date | null;
  deadlinePrecision!: DatePrecision | null;
  deadlineText!: string | null;
  decidedByKind!: AuthorKind | null;
  decidedById!: string | null;
  decidedByName!: string | null;
  storedActors!: CandidateActor[];

  @Field(() => ID, { name: 'id', description: 'Globally unique, opaque identifier of this candidate.' })
  get globalId(): string {
    return toGlobalId('CommitmentCandidate', this.id);
  }

  @Field(() => Int, { description: 'The primary key of this candidate in the database.' })
  get databaseId(): number {
    return this.id;
  }

  @Field(() => ID, { name: 'documentId', description: 'Global ID of the source document it was found in.' })
  get documentGlobalId(): string {
    return toGlobalId('SourceDocument', this.sourceDocumentId);
  }

  @Field({ description: 'The text of the document between the offsets, verbatim.' })
  quote!: string;

  @Field(() => Int, { description: 'Where the quote starts in the document\'s text, in Unicode code points from 0, as provenance counts.' })
  startOffset!: number;

  @Field(() => Int, { description: 'Where the quote ends in the text, in code points, exclusive.' })
  endOffset!: number;

  @Field({ description: 'The title the extractor proposes (the quote, shortened).' })
  title!: string;

  @Field(() => [CandidateActor], { description: 'The actors the extractor names, leads first.' })
  get actors(): CandidateActor[] {
    return this.storedActors;
  }

  @Field(() => CandidateDeadline, { nullable: true, description: 'The deadline the quote gives, when it gives one.' })
  get deadline(): CandidateDeadline | null {
    if (!this.deadlineDate || !this.deadlinePrecision) return null;
    return { date: this.deadlineDate, precision: this.deadlinePrecision, text: this.deadlineText };
  }

  @Field(() => [CandidateAmount], { description: 'The sums of money the quote names.' })
  amounts!: CandidateAmount[];

  @Field(() => CommitmentStatus, { description: 'The status the text itself gives the undertaking (signed or launched: COMPLETED; under way: IN_PROGRESS; else ANNOUNCED).' })
  proposedStatus!: CommitmentStatus;

  @Field({ description: 'Whether the text undertakes not to do it ("will not", "agreed not to").' })
  negated!: boolean;

  @Field(() => Float, { description: 'How sure the extractor is that the quote is an undertaking, 0 to 1.' })
  confidence!: number;

  @Field(() => CandidateRestatement, { nullable: true, description: 'The existing commitment the quote most likely mentions again; null when none is similar enough.' })
  get restates(): CandidateRestatement | null {
    if (this.restatesId === null) return null;
    return Object.assign(new CandidateRestatement(), { commitmentDatabaseId: this.restatesId, similarity: this.restatesSimilarity ?? 0 });
  }

  @Field(() => CandidateProposal, { description: 'What the extractor proposes: a new commitment, or a new provenance of the commitment it restates.' })
  get proposal(): CandidateProposal {
    return this.restatesId === null ? CandidateProposal.NEW_COMMITMENT : CandidateProposal.NEW_PROVENANCE;
  }

  @Field(() => CandidateState, { description: 'Where it stands in review.' })
  state!: CandidateState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was decided; null while pending.' })
  decidedAt!: Date | null;

  @Field(() => Author, { nullable: true, description: 'Who decided it, as authenticated then; null while pending.' })
  get decidedBy(): Author | null {
    if (!this.decidedByKind || !this.decidedById) return null;
    return authorFrom({ authorKind: this.decidedByKind, authorId: this.decidedById, authorName: this.decidedByName });
  }

  @Field(() => String, { nullable: true, description: 'Why it was rejected; null unless REJECTED.' })
  rejectionReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was proposed (the document was ingested).' })
  createdAt!: Date;
}

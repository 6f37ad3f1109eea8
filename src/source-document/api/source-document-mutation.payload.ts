import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../../common/api/payload';
import { Provenance } from './provenance.type';
import { SourceDocument } from './source-document.type';

@ObjectType('CreateSourceDocumentPayload', { description: 'The result of createSourceDocument.' })
export class CreateSourceDocumentPayload extends Payload {
  @Field(() => SourceDocument, { nullable: true, description: 'The document, with its computed SHA-256; null when nothing was written.' })
  sourceDocument?: SourceDocument;

  @Field(() => [Provenance], { nullable: true, description: 'The quotes linked, with their computed offsets; null when nothing was written.' })
  provenance?: Provenance[];
}

@ObjectType('AddProvenancePayload', { description: 'The result of addProvenance.' })
export class AddProvenancePayload extends Payload {
  @Field(() => Provenance, { nullable: true, description: 'The quote linked, with its computed offsets; null when nothing was written.' })
  provenance?: Provenance;
}

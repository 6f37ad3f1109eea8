import { Connection } from '../../relay/api/connection';
import { Provenance } from './provenance.type';
import { SourceDocument } from './source-document.type';

export const SourceDocumentConnection = Connection(SourceDocument, 'SourceDocument', 'source documents');

export const MentionConnection = Connection(Provenance, 'Mention', 'the mentions of commitments in a source document (provenance records)');

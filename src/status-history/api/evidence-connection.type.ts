import { Connection } from '../../relay/api/connection';
import { Evidence } from './evidence.type';

export const EvidenceConnection = Connection(Evidence, 'Evidence', 'the evidence attached to a commitment, newest first');

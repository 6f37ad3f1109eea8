import { Connection } from '../../relay/api/connection';
import { Commitment } from './commitment.type';

export const CommitmentConnection = Connection(Commitment, 'Commitment', 'commitments');

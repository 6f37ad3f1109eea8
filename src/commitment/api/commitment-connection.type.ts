import { Connection } from '../../relay/connection';
import { Commitment } from './commitment.type';

export const CommitmentConnection = Connection(Commitment, 'Commitment', 'commitments');

import type { CommitmentRow } from '../../db/tables/commitment';
import { fromRow } from '../../relay/api/node.interface';
import { CommitmentAmount } from './commitment-amount.type';
import { Commitment } from './commitment.type';

export const toCommitment = (row: CommitmentRow): Commitment => fromRow(Commitment, row);

/** An amount with its value as exact decimal text (the service's rows carry it so). */
export const toCommitmentAmount = (row: Pick<CommitmentAmount, keyof CommitmentAmount>): CommitmentAmount => fromRow(CommitmentAmount, row);

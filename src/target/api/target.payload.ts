import { Field, ObjectType } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import { Payload } from '../../common/api/payload';
import { CommitmentTarget, TargetReading } from './target.type';

@ObjectType('TargetPayload', { description: 'The result of addTarget or updateTarget.' })
export class TargetPayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment the target belongs to (unchanged: targets do not bump its version); null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => CommitmentTarget, { nullable: true, description: 'The target as written; null when nothing was written.' })
  target?: CommitmentTarget;
}

@ObjectType('RecordTargetReadingPayload', { description: 'The result of recordTargetReading.' })
export class RecordTargetReadingPayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment the target belongs to (unchanged); null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => CommitmentTarget, { nullable: true, description: 'The target, its progress counting the new reading; null when nothing was written.' })
  target?: CommitmentTarget;

  @Field(() => TargetReading, { nullable: true, description: 'The reading recorded; null when nothing was written.' })
  reading?: TargetReading;
}

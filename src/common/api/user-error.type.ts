import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CommitmentStatus } from '../enums';
import { ErrorCode } from '../errors';

/** The codes a mutation reports in userErrors; the others (UNAUTHENTICATED, FORBIDDEN…) are top-level errors. */
export const UserErrorCode = {
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  NOT_FOUND: ErrorCode.NOT_FOUND,
  CONFLICT: ErrorCode.CONFLICT,
} as const;
export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input.',
  valuesConfig: {
    BAD_USER_INPUT: { description: 'The input breaks a rule; the message says which and `field` points at it.' },
    NOT_FOUND: { description: 'An ID in the input names nothing.' },
    CONFLICT: {
      description: 'Someone changed the object since you read it (`currentVersion` and `currentStatus` tell what it is now), or a unique value is taken.',
    },
  },
});

@ObjectType('UserError', { description: 'An expected failure of a mutation: nothing was written. Fix the input and send it again.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "effectiveOn"]; null when no single field is.' })
  field!: string[] | null;

  @Field({ description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for programs.' })
  code!: UserErrorCode;

  @Field(() => Int, { nullable: true, description: 'On CONFLICT over a commitment: its version now. Re-read it, then send this as expectedVersion.' })
  currentVersion!: number | null;

  @Field(() => CommitmentStatus, { nullable: true, description: 'On CONFLICT over a commitment: its status now.' })
  currentStatus!: CommitmentStatus | null;
}

// Mutations answer with a payload: the changed objects, or userErrors for expected failures (a broken rule,
// an unknown ID, a conflict). Unexpected errors, and authentication and permission failures, stay top-level.
import { validate, type ValidationError } from 'class-validator';
import { Field, ObjectType, type ClassType } from 'type-graphql';
import { DomainError } from '../errors';
import { UserError, UserErrorCode } from './user-error.type';

/** The base of every payload type; not in the schema itself, as nothing returns it. */
@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

const userErrorCodes = new Set<string>(Object.values(UserErrorCode));

/**
 * Runs a mutation: validates its input (class-validator decorators; inputs are declared with
 * `validate: false` so that failures come back here as userErrors), then the work. Expected domain errors
 * become userErrors.
 */
export async function mutate<P extends Payload>(
  PayloadType: ClassType<P>,
  input: object,
  work: () => Promise<Omit<P, 'userErrors'>>,
): Promise<P> {
  const invalid = (await validate(input, { forbidUnknownValues: false })).flatMap((error) => fromValidation(error, ['input']));
  if (invalid.length > 0) return Object.assign(new PayloadType(), { userErrors: invalid });
  try {
    return Object.assign(new PayloadType(), await work(), { userErrors: [] });
  } catch (error) {
    if (error instanceof DomainError && userErrorCodes.has(error.code)) {
      return Object.assign(new PayloadType(), { userErrors: [toUserError(error)] });
    }
    throw error;
  }
}

function toUserError(error: DomainError): UserError {
  return {
    field: error.field ?? null,
    message: error.message,
    code: error.code as UserErrorCode,
    currentVersion: (error.details?.currentVersion as number | undefined) ?? null,
    currentStatus: (error.details?.currentStatus as UserError['currentStatus'] | undefined) ?? null,
  };
}

/** class-validator names only the property; nested fields get their whole path in the message too. */
function fromValidation(error: ValidationError, parent: string[]): UserError[] {
  const field = [...parent, error.property];
  const name = field.slice(1).join('.');
  const own = Object.values(error.constraints ?? {}).map((message) => ({
    field,
    message: message.startsWith(`${error.property} `) ? `${name}${message.slice(error.property.length)}` : `${name}: ${message}`,
    code: UserErrorCode.BAD_USER_INPUT,
    currentVersion: null,
    currentStatus: null,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => fromValidation(child, field))];
}

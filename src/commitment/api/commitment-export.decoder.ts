// The query string of an export turned into the query the export service takes, by the same rules as the
// `commitments` query's arguments: each parameter is JSON of that argument (`filter`, `orderBy`) or its value
// (`asOf`), coerced with the schema's own input types and decoded with decodeCommitmentFilter. A field added
// to CommitmentFilter or CommitmentOrder applies to exports with no change here. Failures are BAD_USER_INPUT
// naming the parameter and the path inside it (filter.status.1).
import { coerceInputValue, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { InvalidInputError } from '../../common/errors';
import type { CommitmentExportQuery, CommitmentOrderQuery } from '../commitment.queries';
import type { CommitmentFilter } from './commitment.input';
import { decodeCommitmentFilter } from './commitment-filter.decoder';

/** The arguments of Query.commitments an export takes, and how each is written in the query string. */
const PARAMETERS = { filter: 'json', orderBy: 'json', asOf: 'text' } as const;
type Parameter = keyof typeof PARAMETERS;

/** Reads the input types of Query.commitments from `schema` once; the decoder then runs per request. */
export function commitmentExportDecoder(schema: GraphQLSchema): (params: Record<string, unknown>) => CommitmentExportQuery {
  const args = schema.getQueryType()?.getFields().commitments?.args ?? [];
  const types = Object.fromEntries(
    (Object.keys(PARAMETERS) as Parameter[]).map((name) => {
      const arg = args.find((candidate) => candidate.name === name);
      if (!arg) throw new Error(`Query.commitments has no argument ${name}: the export decoder follows its arguments`);
      return [name, arg.type];
    }),
  ) as Record<Parameter, GraphQLInputType>;

  return (params) => {
    for (const name of Object.keys(params)) {
      if (!(name in PARAMETERS)) throw new InvalidInputError(`Unknown parameter ${name}: an export takes ${Object.keys(PARAMETERS).join(', ')}`, [name]);
    }
    const value = (name: Parameter): unknown => {
      const given = params[name];
      if (given === undefined) return undefined;
      if (typeof given !== 'string') throw new InvalidInputError(`${name} must be given once`, [name]);
      return coerce(name, PARAMETERS[name] === 'json' ? parseJson(name, given) : given, types[name]);
    };
    return {
      filter: decodeCommitmentFilter(value('filter') as CommitmentFilter | undefined),
      orderBy: value('orderBy') as CommitmentOrderQuery | undefined,
      asOf: value('asOf') as string | undefined,
    };
  };
}

function parseJson(name: Parameter, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${name} is not valid JSON (${(error as Error).message}); give the argument as the commitments query takes it, URL-encoded`, [name]);
  }
}

/** The value as GraphQL would coerce a variable of the argument's type: enum names checked, scalars parsed, defaults filled in. */
function coerce(name: Parameter, value: unknown, type: GraphQLInputType): unknown {
  return coerceInputValue(value, type, (path, _invalid, error) => {
    throw new InvalidInputError(error.message, [name, ...path.map(String)]);
  });
}

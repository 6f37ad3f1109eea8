// Which fields the compiled path serves. Every field reachable from Query or Subscription either has a SQL compiler
// (src/execution/type-sql.ts) or is listed here: an operation selecting a listed field is answered by the
// resolvers. The list changes only on purpose: compiling a field removes it, adding a field to the schema
// without a compiler adds it.
import { getNamedType, isAbstractType, isObjectType, type GraphQLSchema } from 'graphql';
import { TYPE_COMPILERS } from '../../src/execution/type-sql';
import { buildGraphQLSchema } from '../../src/graphql/schema';

function fieldsWithoutCompiler(schema: GraphQLSchema): string[] {
  const seen = new Set<string>();
  const missing: string[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const type = schema.getType(name);
    if (isAbstractType(type)) return schema.getPossibleTypes(type).forEach((possible) => visit(possible.name));
    if (!isObjectType(type)) return;
    for (const field of Object.values(type.getFields())) {
      if (TYPE_COMPILERS[name]?.[field.name]) visit(getNamedType(field.type).name);
      else missing.push(`${name}.${field.name}`);
    }
  };
  visit(schema.getQueryType()!.name);
  visit(schema.getSubscriptionType()!.name);
  return missing.sort();
}

/**
 * Served by the resolvers (the whole operation, when it selects one of these): the follow-through series,
 * the as-of status and compliance score of one commitment, the statistics and compliance reports, the
 * admins' key list, and the review queue of commitment candidates. Types reachable only through these fields are not walked.
 */
const RESOLVED_BY_RESOLVERS = [
  'Commitment.complianceScore',
  'Commitment.statusAsOf',
  'Commitment.timeline',
  'Query.apiKeys',
  'Query.commitmentCandidates',
  'Query.compliance',
  'Query.viewer',
];

it('lists every query and subscription field that has no SQL compiler', async () => {
  const missing = fieldsWithoutCompiler(await buildGraphQLSchema());
  expect(missing).toEqual(RESOLVED_BY_RESOLVERS);
});

it('has no compiler for a field the schema does not have', async () => {
  const schema = await buildGraphQLSchema();
  const unknown = Object.entries(TYPE_COMPILERS).flatMap(([typeName, fields]) => {
    const type = schema.getType(typeName);
    return Object.keys(fields).filter((field) => !isObjectType(type) || !type.getFields()[field]).map((field) => `${typeName}.${field}`);
  });
  expect(unknown).toEqual([]);
});

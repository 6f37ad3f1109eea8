// Writes the GraphQL SDL to schema.graphql. A test fails when the committed file differs from the schema.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphQLSchema, printSortedSchema } from '../src/graphql/schema';

async function main() {
  const target = path.resolve(__dirname, '..', 'schema.graphql');
  writeFileSync(target, printSortedSchema(await buildGraphQLSchema()));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { Field, ID, Int, InterfaceType } from 'type-graphql';
import { toGlobalId } from '../global-id';

/**
 * Every entity type extends this class. It holds the row's primary key in `id`, as Prisma returns it, and
 * derives the global ID from it, so that a type is built straight from a row: `Object.assign(new T(), row)`.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque ID, fetchable with `node(id:)` (Relay Global Object Identification).',
  resolveType: (value: Node) => value.typename,
})
export abstract class Node {
  /** The GraphQL type name; also the prefix of the global ID. */
  abstract readonly typename: string;

  /** The database primary key (exposed as `databaseId`; `id` is the global ID). */
  id!: number;

  @Field(() => ID, { name: 'id', description: 'Globally unique, opaque identifier of this object.' })
  get globalId(): string {
    return toGlobalId(this.typename, this.id);
  }

  @Field(() => Int, { description: 'The primary key of this object in the database, stable across exports.' })
  get databaseId(): number {
    return this.id;
  }
}

export function fromRow<T extends object>(Type: new () => T, row: object): T {
  return Object.assign(new Type(), row);
}

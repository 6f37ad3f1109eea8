import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '../../common/enums';
import { DateTimeScalar } from '../../graphql/scalars';
import { toGlobalId } from '../../relay/global-id';

/** An API key as admins see it: never the key itself, nor its hash. Not a Node: only admins may fetch keys. */
@ObjectType('ApiKey', { description: 'An API key: who holds it and what it may do. The key itself is shown once, when it is created.' })
export class ApiKey {
  /** The database primary key. */
  id!: number;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of the key, for revokeApiKey.' })
  get globalId(): string {
    return toGlobalId('ApiKey', this.id);
  }

  @Field(() => Int, { description: 'The primary key in the database; `npm run apikey -- revoke <databaseId>` takes it.' })
  get databaseId(): number {
    return this.id;
  }

  @Field({ description: 'Who or what holds the key, e.g. "Hanoi desk — Nguyen Van A".' })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was last used, to the minute; null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; a revoked key no longer authenticates.' })
  revokedAt!: Date | null;
}

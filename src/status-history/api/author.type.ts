import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { AuthorKind } from '../../generated/prisma/enums';
import { toGlobalId } from '../../relay/global-id';

export { AuthorKind };

registerEnumType(AuthorKind, {
  name: 'AuthorKind',
  description: 'How the author of a record authenticated.',
  valuesConfig: {
    SYSTEM: { description: 'The seed loader or another internal process.' },
    API_KEY: { description: 'A holder of an API key; the author id is the key\'s opaque ID (ApiKey.id).' },
    JWT: { description: 'A bearer of a JWT; the author id is its subject.' },
  },
});

@ObjectType('Author', { description: 'Who recorded an entry, as authenticated when it was recorded (never as claimed in the input).' })
export class Author {
  @Field(() => AuthorKind, { description: 'How the author authenticated.' })
  kind!: AuthorKind;

  @Field({ description: 'The API key\'s opaque ID (as ApiKey.id shows it to admins), the JWT\'s subject, or the name of the system process.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The API key\'s name or the JWT\'s name claim, when there is one.' })
  name!: string | null;
}

/** The author columns every history row has. */
export interface AuthorColumns {
  authorKind: AuthorKind;
  authorId: string;
  authorName: string | null;
}

export function authorFrom(row: AuthorColumns): Author {
  // Database ids of keys are not for the public; the global ID tells keys apart without revealing how many exist.
  const id = row.authorKind === 'API_KEY' ? toGlobalId('ApiKey', row.authorId) : row.authorId;
  return { kind: row.authorKind, id, name: row.authorName };
}

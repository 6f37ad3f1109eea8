import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../../common/api/payload';
import { ApiKey } from './api-key.type';

@ObjectType('CreateApiKeyPayload', { description: 'The result of createApiKey: the only time the key itself is shown.' })
export class CreateApiKeyPayload extends Payload {
  @Field(() => ApiKey, { nullable: true, description: 'The key\'s record; null when nothing was written.' })
  apiKey?: ApiKey;

  @Field(() => String, {
    nullable: true,
    description: 'The key, to send as `Authorization: Bearer <key>`. Shown this once: only its hash is stored, so it cannot be recovered. Null when nothing was written.',
  })
  plaintextKey?: string;
}

@ObjectType('RevokeApiKeyPayload', { description: 'The result of revokeApiKey.' })
export class RevokeApiKeyPayload extends Payload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, revoked; null when nothing was written.' })
  apiKey?: ApiKey;
}

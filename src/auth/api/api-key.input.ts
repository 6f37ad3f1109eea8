import { Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../common/enums';

@InputType('CreateApiKeyInput', { description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'Who or what will hold it; not blank, at most 200 characters. Recorded as the author of what the key writes.' })
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;
}

@InputType('RevokeApiKeyInput', { description: 'An API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key\'s ID (ApiKey.id).' })
  apiKeyId!: string;
}

import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { fromGlobalId } from '../../relay/global-id';
import { fromRow } from '../../relay/api/node.interface';
import type { ApiKeyRecord } from '../api-key.service';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.input';
import { CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.payload';
import { ApiKey } from './api-key.type';

const toApiKey = (row: ApiKeyRecord): ApiKey => fromRow(ApiKey, row);

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [ApiKey], { description: 'All API keys, revoked ones included, oldest first; never the keys themselves. Admins only.' })
  async apiKeys(@Ctx() { services }: GraphQLContext): Promise<ApiKey[]> {
    return (await services.apiKeys.list()).map(toApiKey);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key and returns it, once. Admins only.' })
  createApiKey(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => CreateApiKeyInput, { validate: false, description: 'The key to create.' }) input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    return mutate(CreateApiKeyPayload, input, async () => {
      const { apiKey, plaintextKey } = await services.apiKeys.create({ name: input.name, role: input.role });
      return { apiKey: toApiKey(apiKey), plaintextKey };
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key at once: it no longer authenticates. Revoking a revoked key changes nothing. Admins only.' })
  revokeApiKey(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => RevokeApiKeyInput, { validate: false, description: 'The key to revoke.' }) input: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    return mutate(RevokeApiKeyPayload, input, async () => ({
      apiKey: toApiKey(await services.apiKeys.revoke(fromGlobalId(input.apiKeyId, 'ApiKey', ['input', 'apiKeyId']))),
    }));
  }
}

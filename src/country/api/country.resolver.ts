import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Country } from './country.type';

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => [Country], { description: 'Every country the tracker knows (parties to partnerships, homes of actors), by name. A small, bounded list.' })
  countries(@Ctx() { services }: GraphQLContext): Promise<Country[]> {
    return services.countries.list();
  }
}

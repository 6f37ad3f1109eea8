import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ViewerInfo } from './viewer.type';

@Resolver(() => ViewerInfo)
export class ViewerResolver {
  // Not @Authorized: an anonymous caller may ask too, and learns that it is anonymous. Whether reads need a
  // credential (PUBLIC_READ) is decided before any resolver, as for every query.
  @Query(() => ViewerInfo, { description: 'Who the request is from and with which role: e.g. a dashboard shows edit controls only to editors.' })
  viewer(@Ctx() { viewer }: GraphQLContext): ViewerInfo {
    return Object.assign(new ViewerInfo(), viewer.kind === 'ANONYMOUS' ? { kind: viewer.kind, role: null, name: null } : { kind: viewer.kind, role: viewer.role, name: viewer.name });
  }
}

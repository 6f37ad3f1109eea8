// type-graphql's @Authorized guard. Reads carry no guard (anonymous reads are allowed or refused for the
// whole request by the Authenticator, per PUBLIC_READ); writes name the least role they need.
import type { AuthChecker } from 'type-graphql';
import type { Role } from '../../common/enums';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors';
import type { GraphQLContext } from '../../graphql/context';
import { hasRole } from '../viewer';

export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context: { viewer } }, roles) => {
  if (viewer.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.some((role) => hasRole(viewer, role))) {
    throw new ForbiddenError(`This operation needs the ${roles.join(' or ')} role; this credential has ${viewer.role}`);
  }
  return true;
};

import { Role } from '../generated/prisma/enums';
import { UnauthenticatedError } from '../common/errors';

/** Who is calling. Built per request from the Authorization header; anonymous when there is none. */
export type Viewer =
  | { kind: 'ANONYMOUS' }
  | { kind: 'API_KEY' | 'JWT'; id: string; name: string | null; role: Role };

export type AuthenticatedViewer = Exclude<Viewer, { kind: 'ANONYMOUS' }>;

export const anonymous: Viewer = { kind: 'ANONYMOUS' };

/** Each role includes the ones below it: an admin may do whatever an editor may. */
const RANK: Record<Role, number> = { [Role.VIEWER]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.kind !== 'ANONYMOUS' && RANK[viewer.role] >= RANK[role];
}

/** The highest of several roles, e.g. of a JWT claim that lists more than one. */
export function highestRole(roles: Role[]): Role | undefined {
  return roles.reduce<Role | undefined>((best, role) => (best && RANK[best] >= RANK[role] ? best : role), undefined);
}

/** Who recorded a row, as the audit columns store it. */
export interface AuditColumns {
  authorKind: AuthenticatedViewer['kind'];
  authorId: string;
  authorName: string | null;
}

export function authorOf(viewer: AuthenticatedViewer): AuditColumns {
  return { authorKind: viewer.kind, authorId: viewer.id, authorName: viewer.name };
}

/** Idempotency keys are scoped to the caller: two callers may pick the same key without colliding. */
export function principalOf(viewer: AuthenticatedViewer): string {
  return `${viewer.kind}:${viewer.id}`;
}

/** The viewer of a resolver guarded by @Authorized, typed as what the guard guarantees. */
export function authenticated(viewer: Viewer): AuthenticatedViewer {
  if (viewer.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  return viewer;
}

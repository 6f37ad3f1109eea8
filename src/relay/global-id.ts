// Opaque global IDs (Relay): base64url of "<Type>:<database id>". Clients must treat them as opaque;
// the type prefix lets `node(id)` find the right table and rejects an ID of one type passed as another.
import type { EntityRef } from '../common/commands';
import { InvalidInputError } from '../common/errors';

export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  type: string;
  id: number;
}

/** Decodes a global ID; returns undefined for anything that is not one of ours. */
export function decodeGlobalId(globalId: string): DecodedGlobalId | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(decoded);
  if (!match) return undefined;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? { type: match[1]!, id } : undefined;
}

/** Decodes a global ID that must be of one type, for arguments such as `commitmentId`. */
export function fromGlobalId(globalId: string, expectedType: string, field: string[]): number {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.type !== expectedType) {
    throw new InvalidInputError(`${field.join('.')} is not a valid ${expectedType} ID`, field);
  }
  return decoded.id;
}

/** The arguments of a `thing(slug:, id:)` query: exactly one of the two, the ID decoded. */
export function slugOrId(slug: string | null | undefined, id: string | null | undefined, type: string): { slug: string } | { id: number } {
  if ((slug == null) === (id == null)) {
    throw new InvalidInputError('Give exactly one of slug and id', [slug == null ? 'slug' : 'id']);
  }
  return slug != null ? { slug } : { id: fromGlobalId(id!, type, ['id']) };
}

/** A global ID argument decoded for a command, refused as `field` when it is not an ID of `type`. */
export function entityRef(globalId: string, type: string, field: string[]): EntityRef {
  return { id: fromGlobalId(globalId, type, field), globalId };
}

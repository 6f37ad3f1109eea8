import { createHash } from 'node:crypto';

/**
 * The hex SHA-256 a source document is stored under. A text hashes as its UTF-8 bytes, so a seed file's
 * bytes and the same text sent through the API give the same digest.
 */
export function documentSha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

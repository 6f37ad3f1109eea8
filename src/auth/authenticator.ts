// Resolves the viewer once per request, in the GraphQL context factory. A credential that is presented
// but not valid fails the whole request, reads included: a caller whose key was revoked must learn it, not
// silently read as anonymous.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode, UnauthenticatedError } from '../common/errors';
import type { Logger } from '../logger';
import { API_KEY_PREFIX, type ApiKeyService } from './api-key.service';
import type { JwtService } from './jwt.service';
import { anonymous, type Viewer } from './viewer';

export class Authenticator {
  constructor(
    private readonly apiKeys: ApiKeyService,
    /** Absent when JWTs are not configured. */
    private readonly jwt: JwtService | undefined,
    private readonly publicRead: boolean,
  ) {}

  /**
   * The viewer for an Authorization header. Failures are thrown as a GraphQLError with HTTP status 401:
   * Apollo reports an error from the context factory as it is only when it is a GraphQLError.
   */
  async viewerFor(authorization: string | undefined, logger: Logger): Promise<Viewer> {
    try {
      return await this.resolve(authorization);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) {
        logger.error({ err: error }, 'authentication failed unexpectedly');
        throw error;
      }
      throw new GraphQLError(error.message, {
        extensions: {
          code: ErrorCode.UNAUTHENTICATED,
          http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
        },
      });
    }
  }

  private async resolve(authorization: string | undefined): Promise<Viewer> {
    if (authorization === undefined) {
      // Anonymous callers can do nothing but read, so without public reads they are refused outright.
      if (!this.publicRead) throw new UnauthenticatedError('Anonymous reads are disabled: send Authorization: Bearer <API key or JWT>');
      return anonymous;
    }
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <API key or JWT>"');
    const token = match[1]!;
    if (token.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(token);
    if (!this.jwt) throw new UnauthenticatedError('The bearer token is not an API key, and this server accepts no JWTs');
    return this.jwt.authenticate(token);
  }
}

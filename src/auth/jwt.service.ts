// Bearer JWTs from an identity provider, verified with jose against a shared HS256 secret or the
// provider's JWKS. The issuer, the audience and an expiry are required: a token minted for another service,
// or one that never expires, does not pass.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { Role } from '../generated/prisma/enums';
import { UnauthenticatedError } from '../common/errors';
import type { JwtConfig } from '../config/config';
import { highestRole, type AuthenticatedViewer } from './viewer';

/** Asymmetric algorithms only for JWKS keys: an HS256 token must not verify against a published public key. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export class JwtService {
  private readonly options: JWTVerifyOptions;
  private readonly secret?: Uint8Array;
  /** jose keeps the fetched key set and refetches it when a token names an unknown key id. */
  private readonly keySet?: JWTVerifyGetKey;

  constructor(private readonly config: JwtConfig) {
    this.options = {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.secret ? ['HS256'] : JWKS_ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
    };
    if (config.secret) this.secret = new TextEncoder().encode(config.secret);
    else this.keySet = createRemoteJWKSet(new URL(config.jwksUrl!));
  }

  /** The viewer a token stands for; UnauthenticatedError when it is not valid here. */
  async authenticate(token: string): Promise<AuthenticatedViewer> {
    const payload = await this.verify(token);
    const role = highestRole(rolesIn(claimValue(payload, this.config.roleClaim)));
    if (!role) throw new UnauthenticatedError(`The token carries no role (VIEWER, EDITOR or ADMIN) in its "${this.config.roleClaim}" claim`);
    const name = typeof payload.name === 'string' ? payload.name.slice(0, 200) : null;
    return { kind: 'JWT', id: payload.sub!.slice(0, 200), name, role };
  }

  private async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = this.secret
        ? await jwtVerify(token, this.secret, this.options)
        : await jwtVerify(token, this.keySet!, this.options);
      return payload;
    } catch (error) {
      const reason = rejectionReason(error);
      // Anything else (the JWKS endpoint down, a bug) is ours, not the caller's: it surfaces as an internal error.
      if (!reason) throw error;
      throw new UnauthenticatedError(`The token is not valid: ${reason}`);
    }
  }
}

function rejectionReason(error: unknown): string | undefined {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim "${error.claim}" ${error.reason === 'missing' ? 'is missing' : 'is not accepted'}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches it';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return 'it is malformed';
  }
  return undefined;
}

/** The claim by its exact name (namespaced claims contain dots), else by a dotted path into nested objects. */
function claimValue(payload: JWTPayload, claim: string): unknown {
  if (claim in payload) return payload[claim];
  return claim.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

function rolesIn(value: unknown): Role[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item) => {
    const role = typeof item === 'string' ? item.toUpperCase() : undefined;
    return role && role in Role ? [role as Role] : [];
  });
}

import type { IncomingMessage } from "node:http";
import {
  ANONYMOUS,
  clientError,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  formatDuration,
  type Identity,
  identityFromClaims,
  maxTokenLifetimeFromEnv,
  rememberVerifiedTokens,
} from "@cakupan/core";
import {
  createRemoteJWKSet,
  errors as joseErrors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";

/**
 * Bearer tokens at the gateway: HS256 with AUTH_JWT_SECRET (local use, tokens from `npm run token`), or an
 * OIDC provider's keys at AUTH_JWKS_URL (production). Claims: sub, role (planner, operator, admin) and, for
 * operators, regencies. No token is anonymous; a token that does not verify is refused, never downgraded.
 * Every token must expire (exp), within maxLifetimeSeconds of its issue (iat, else of now): a leaked token
 * is worth a working day at most.
 */
export interface AuthConfig {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** The longest a token may live (default 12 h, AUTH_MAX_TOKEN_LIFETIME). */
  maxLifetimeSeconds?: number;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    secret: env.AUTH_JWT_SECRET || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || undefined,
    maxLifetimeSeconds: maxTokenLifetimeFromEnv(env),
  };
}

function unauthenticated(message: string) {
  const error = clientError("UNAUTHENTICATED", message);
  error.extensions.http = { status: 401 };
  return error;
}

/** The refusal of a verified token that does not expire, or lives too long; null when it is fine. */
function lifetimeRefusal(payload: JWTPayload, maxLifetimeSeconds: number): string | null {
  const maximum = formatDuration(maxLifetimeSeconds);
  if (typeof payload.exp !== "number")
    return `Your token has no expiry (exp): tokens must expire within ${maximum}. Get one that does.`;
  const from = typeof payload.iat === "number" ? payload.iat : Math.floor(Date.now() / 1000);
  if (payload.exp - from > maxLifetimeSeconds)
    return `Your token lives longer than the maximum of ${maximum}: get one that expires sooner.`;
  return null;
}

/**
 * How long a verified token is taken on its word before it is verified again (never past its exp): a key the
 * identity provider withdraws (AUTH_JWKS_URL) stops being accepted within this time.
 */
const REVERIFY_AFTER_MS = 5 * 60 * 1000;

/**
 * Verifies a request's bearer token once: the rate limiter and the GraphQL context ask for the same
 * request's identity, and get the one answer. A token that verified is remembered until it expires (at most
 * REVERIFY_AFTER_MS): a signed-in add-in sends the same token with every request, and checking its signature
 * each time cost the gateway more than answering from the response cache. A token that fails is never kept.
 */
export function createAuthenticator(config: AuthConfig): (request: IncomingMessage) => Promise<Identity> {
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : undefined;
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  const maxLifetimeSeconds = config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const claimsOf = async (token: string) => {
    let payload: JWTPayload;
    try {
      const options = { issuer: config.issuer, audience: config.audience };
      ({ payload } = jwks
        ? await jwtVerify(token, jwks, options)
        : await jwtVerify(token, secret!, { ...options, algorithms: ["HS256"] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated("Your token has expired: get a new one.");
      throw unauthenticated(`Your token does not verify (${(error as Error).message}): get a new one.`);
    }
    const refusal = lifetimeRefusal(payload, maxLifetimeSeconds);
    if (refusal) throw unauthenticated(refusal);
    const { subject, role, regencies } = identityFromClaims(payload, ANONYMOUS.client);
    return { value: { subject, role, regencies }, expiresAt: (payload.exp as number) * 1000 };
  };
  const verifiedClaims = rememberVerifiedTokens(claimsOf, { maxAgeMs: REVERIFY_AFTER_MS });
  const verify = async (request: IncomingMessage): Promise<Identity> => {
    const client = {
      // Express's req.ip: X-Forwarded-For only when the gateway is told it is behind a proxy (TRUST_PROXY).
      ip: (request as { ip?: string }).ip ?? request.socket.remoteAddress ?? null,
      userAgent: (request.headers["user-agent"] as string | undefined) ?? null,
    };
    const header = request.headers.authorization;
    if (!header) return { ...ANONYMOUS, client };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    if (!jwks && !secret)
      throw unauthenticated(
        "This gateway accepts no tokens (neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set): send the request without one.",
      );
    return { ...(await verifiedClaims(match[1])), client };
  };
  const verified = new WeakMap<IncomingMessage, Promise<Identity>>();
  return (request) => {
    let identity = verified.get(request);
    if (!identity) {
      identity = verify(request);
      verified.set(request, identity);
    }
    return identity;
  };
}

import type { IncomingMessage } from "node:http";
import { ANONYMOUS, clientError, type Identity, identityFromClaims } from "@cakupan/core";
import { createRemoteJWKSet, errors as joseErrors, type JWTVerifyGetKey, jwtVerify } from "jose";

/**
 * Bearer tokens at the gateway: HS256 with AUTH_JWT_SECRET (local use, tokens from `npm run token`), or an
 * OIDC provider's keys at AUTH_JWKS_URL (production). Claims: sub, role (planner, operator, admin) and, for
 * operators, regencies. No token is anonymous; a token that does not verify is refused, never downgraded.
 */
export interface AuthConfig {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    secret: env.AUTH_JWT_SECRET || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || undefined,
  };
}

function unauthenticated(message: string) {
  const error = clientError("UNAUTHENTICATED", message);
  error.extensions.http = { status: 401 };
  return error;
}

export function createAuthenticator(config: AuthConfig): (request: IncomingMessage) => Promise<Identity> {
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  return async (request) => {
    const client = {
      ip: (request.headers["x-forwarded-for"] as string | undefined)?.split(",")[0]?.trim() ?? request.socket.remoteAddress ?? null,
      userAgent: (request.headers["user-agent"] as string | undefined) ?? null,
    };
    const header = request.headers.authorization;
    if (!header) return { ...ANONYMOUS, client };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    if (!jwks && !secret) throw unauthenticated("This gateway accepts no tokens (neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set): send the request without one.");
    try {
      const options = { issuer: config.issuer, audience: config.audience };
      const { payload } = jwks ? await jwtVerify(match[1], jwks, options) : await jwtVerify(match[1], secret!, { ...options, algorithms: ["HS256"] });
      return identityFromClaims(payload, client);
    } catch (error) {
      if ((error as { extensions?: unknown }).extensions) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated("Your token has expired: get a new one.");
      throw unauthenticated(`Your token does not verify (${(error as Error).message}): get a new one.`);
    }
  };
}

import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { clientError } from "./errors";

/**
 * Who is asking. The gateway verifies the caller's JWT and forwards the identity to subgraphs as a short-
 * lived internal token signed with INTERNAL_TOKEN_SECRET; subgraphs verify it and trust nothing else. A
 * request without it (straight to a subgraph) is anonymous; one with a token that does not verify is refused.
 */
export type Role = "anonymous" | "planner" | "operator" | "admin";
export const ROLES: Role[] = ["anonymous", "planner", "operator", "admin"];

export interface Identity {
  subject: string | null;
  role: Role;
  /** For operators: the regencies they act for. */
  regencies: string[];
  /** Where the request came from, as the gateway saw it. */
  client: { ip: string | null; userAgent: string | null };
}

export const ANONYMOUS: Identity = {
  subject: null,
  role: "anonymous",
  regencies: [],
  client: { ip: null, userAgent: null },
};

export const IDENTITY_HEADER = "x-cakupan-identity";
const ISSUER = "cakupan-gateway";
const AUDIENCE = "cakupan-subgraphs";

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signIdentity(identity: Identity, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({
    role: identity.role,
    regencies: identity.regencies,
    ip: identity.client.ip,
    ua: identity.client.userAgent,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(identity.subject ?? "anonymous")
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** A request whose credentials do not verify is refused whole (HTTP 401). */
function refusedRequest(message: string) {
  const error = clientError("UNAUTHENTICATED", message);
  error.extensions.http = { status: 401 };
  return error;
}

/** Reads a claim set into an Identity, refusing a role this platform does not have. */
export function identityFromClaims(claims: Record<string, unknown>, client: Identity["client"]): Identity {
  const role = claims.role;
  if (role !== "planner" && role !== "operator" && role !== "admin") {
    throw refusedRequest(`The token's role ${JSON.stringify(role)} is not one of planner, operator, admin.`);
  }
  const regencies = Array.isArray(claims.regencies)
    ? claims.regencies.filter((c): c is string => typeof c === "string")
    : [];
  return { subject: typeof claims.sub === "string" ? claims.sub : null, role, regencies, client };
}

/**
 * A forwarded identity token read and verified: the identity, and when the token stops verifying (ms since
 * the epoch), until which a subgraph may take the same token on its word.
 */
export async function verifyForwardedIdentity(
  token: string,
  secret: string | undefined,
): Promise<{ identity: Identity; expiresAt: number }> {
  if (!secret)
    throw refusedRequest(
      "This subgraph has no INTERNAL_TOKEN_SECRET, so it cannot accept identities: requests are anonymous only.",
    );
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const expiresAt = (payload.exp ?? 0) * 1000;
    if (payload.role === "anonymous") return { identity: ANONYMOUS, expiresAt };
    const identity = identityFromClaims(payload, {
      ip: (payload.ip as string) ?? null,
      userAgent: (payload.ua as string) ?? null,
    });
    return { identity, expiresAt };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired)
      throw refusedRequest("The forwarded identity has expired: send the request through the gateway again.");
    if ((error as { extensions?: unknown }).extensions) throw error;
    throw refusedRequest(
      "The forwarded identity does not verify: requests reach subgraphs through the gateway.",
    );
  }
}

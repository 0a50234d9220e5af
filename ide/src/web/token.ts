/**
 * The bearer token pasted into the IDE. Kept for this browser tab only (sessionStorage): a token is a
 * credential, and closing the tab forgets it.
 */
const STORAGE_KEY = "cakupan:token";
const listeners = new Set<() => void>();
let current = readStored();

function readStored(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

export function getToken(): string {
  return current;
}

/** Accepts the token as `npm run token` prints it, with or without "Bearer ". */
export function setToken(pasted: string): void {
  current = pasted.trim().replace(/^Bearer\s+/i, "");
  try {
    if (current) sessionStorage.setItem(STORAGE_KEY, current);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the token still holds for this page.
  }
  for (const listener of listeners) listener();
}

export function subscribeToToken(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface TokenClaims {
  sub?: string;
  role?: string;
  regencies?: string[];
  exp?: number;
}

/** What the token says about its bearer, for display only: the gateway verifies it, the IDE cannot. */
export function claimsOf(token: string): TokenClaims | null {
  const payload = token.split(".")[1];
  if (!payload || token.split(".").length !== 3) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === "object" ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

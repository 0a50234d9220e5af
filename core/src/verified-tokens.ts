import { LRUCache } from "lru-cache";

/**
 * A token's verification, remembered: each distinct token is verified once and then taken on its word until
 * it expires (and at most maxAgeMs, so a withdrawn signing key stops being accepted within that time). A
 * token that fails is never kept, and is verified (and refused) every time. Callers that send the same token
 * with every request (a signed-in add-in, the gateway's forwarded identity) so pay one signature check.
 */
export function rememberVerifiedTokens<T extends object>(
  verify: (token: string) => Promise<{ value: T; expiresAt: number }>,
  options: { max?: number; maxAgeMs?: number } = {},
): (token: string) => Promise<T> {
  const verified = new LRUCache<string, T>({ max: options.max ?? 10_000 });
  const maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    const { value, expiresAt } = await verify(token);
    const ttl = Math.min(expiresAt - Date.now(), maxAgeMs);
    if (ttl > 0) verified.set(token, value, { ttl });
    return value;
  };
}

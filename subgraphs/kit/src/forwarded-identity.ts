import type { IncomingHttpHeaders } from "node:http";
import { ANONYMOUS, IDENTITY_HEADER, type Identity, verifyForwardedIdentity } from "@cakupan/core";
import { LRUCache } from "lru-cache";

/**
 * Reads the identity the gateway forwards, verifying each token once: the gateway signs one token per caller
 * and sends it with every fetch for half its life, so a signed-in caller's requests would otherwise each pay
 * a signature check (WebCrypto's HMAC, several times the cost of answering a small entity fetch). A token is
 * taken on its word only until it expires; one that fails is never kept, and is refused every time.
 */
export function forwardedIdentities(
  secret: string | undefined,
  max = 10_000,
): (headers: IncomingHttpHeaders) => Promise<Identity> {
  const verified = new LRUCache<string, Identity>({ max, ttlAutopurge: false });
  return async (headers) => {
    const token = headers[IDENTITY_HEADER];
    if (!token || typeof token !== "string") return ANONYMOUS;
    const known = verified.get(token);
    if (known) return known;
    const { identity, expiresAt } = await verifyForwardedIdentity(token, secret);
    const ttl = expiresAt - Date.now();
    if (ttl > 0) verified.set(token, identity, { ttl });
    return identity;
  };
}

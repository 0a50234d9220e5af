import type { IncomingHttpHeaders } from "node:http";
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  type Identity,
  rememberVerifiedTokens,
  verifyForwardedIdentity,
} from "@cakupan/core";

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
  const verified = rememberVerifiedTokens(
    async (token) => {
      const { identity, expiresAt } = await verifyForwardedIdentity(token, secret);
      return { value: identity, expiresAt };
    },
    { max },
  );
  return async (headers) => {
    const token = headers[IDENTITY_HEADER];
    return !token || typeof token !== "string" ? ANONYMOUS : verified(token);
  };
}

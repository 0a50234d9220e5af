import { randomBytes } from "node:crypto";
import { IDENTITY_HEADER, type Role, signIdentity } from "@cakupan/kit";
import { mintToken } from "@cakupan/launcher";

/** Secrets of this test file's stack: the gateway verifies tokens with one and signs identities with the other. */
export const TEST_AUTH_SECRET = randomBytes(32).toString("hex");
export const TEST_INTERNAL_SECRET = randomBytes(32).toString("hex");

// The participants subgraph reads the registry's keys from its environment; in tests it runs in this process.
process.env.NIK_ENCRYPTION_KEY ||= randomBytes(32).toString("hex");
process.env.NIK_HASH_KEY ||= randomBytes(32).toString("hex");

export type SignedInRole = Exclude<Role, "anonymous">;

/** Headers of a caller at the gateway: a bearer token for the role. */
export async function bearer(
  role: SignedInRole,
  regencies: string[] = [],
  subject = `test-${role}${regencies.length ? `-${regencies.join("-")}` : ""}`,
) {
  return {
    authorization: `Bearer ${await mintToken({ secret: TEST_AUTH_SECRET, role, regencies, subject })}`,
  };
}

/** Headers of a request straight to a subgraph, as the gateway would forward the identity. */
export async function forwarded(role: SignedInRole, regencies: string[] = [], subject = `test-${role}`) {
  return {
    [IDENTITY_HEADER]: await signIdentity(
      { subject, role, regencies, client: { ip: "127.0.0.1", userAgent: "vitest" } },
      TEST_INTERNAL_SECRET,
    ),
  };
}

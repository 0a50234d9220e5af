import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { clientError } from "@cakupan/kit";

/**
 * NIKs at rest: AES-256-GCM with NIK_ENCRYPTION_KEY (random IV per record), and an HMAC-SHA256 with
 * NIK_HASH_KEY for look-up and de-duplication, so the database alone never reveals a NIK.
 */
export interface NikKeys {
  encryption: Buffer;
  hash: Buffer;
}

function keyFrom(name: string, value: string | undefined): Buffer | null {
  if (!value) return null;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32)
    throw new Error(`${name} must be 32 bytes, as 64 hex digits or base64 (openssl rand -hex 32 makes one).`);
  return key;
}

let parsed: { raw: string; keys: NikKeys | null } | undefined;

/** The keys from the environment, decoded once (every row read asks for them). */
export function nikKeysFromEnv(env: NodeJS.ProcessEnv = process.env): NikKeys | null {
  const raw = `${env.NIK_ENCRYPTION_KEY ?? ""}|${env.NIK_HASH_KEY ?? ""}`;
  if (parsed?.raw !== raw) {
    const encryption = keyFrom("NIK_ENCRYPTION_KEY", env.NIK_ENCRYPTION_KEY);
    const hash = keyFrom("NIK_HASH_KEY", env.NIK_HASH_KEY);
    parsed = { raw, keys: encryption && hash ? { encryption, hash } : null };
  }
  return parsed.keys;
}

export function requireNikKeys(env: NodeJS.ProcessEnv = process.env): NikKeys {
  const keys = nikKeysFromEnv(env);
  if (!keys) {
    throw clientError(
      "FORBIDDEN",
      "The participant registry is not configured: set NIK_ENCRYPTION_KEY and NIK_HASH_KEY (32 bytes each) for the participants subgraph.",
    );
  }
  return keys;
}

export function hashNik(nik: string, keys: NikKeys): string {
  return createHmac("sha256", keys.hash).update(nik).digest("hex");
}

/** `iv` must never repeat under one key; callers encrypting many at once pass slices of one randomBytes call. */
export function encryptNik(nik: string, keys: NikKeys, iv: Buffer = randomBytes(12)): Buffer {
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv);
  const body = Buffer.concat([cipher.update(nik, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptNik(stored: Buffer, keys: NikKeys): string {
  const decipher = createDecipheriv("aes-256-gcm", keys.encryption, stored.subarray(0, 12));
  decipher.setAuthTag(stored.subarray(12, 28));
  return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString("utf8");
}

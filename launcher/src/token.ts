import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  formatDuration,
  maxTokenLifetimeFromEnv,
  parseCommandLine,
  parseDuration,
  type Role,
} from "@cakupan/core";
import { SignJWT } from "jose";

/** Where `npm start` keeps the secrets it generated for the embedded default (git-ignored). */
export const LOCAL_SECRETS_FILE = join(__dirname, "..", "..", ".data", "secrets.json");

export interface LocalSecrets {
  authJwtSecret: string;
  internalTokenSecret: string;
  nikEncryptionKey?: string;
  nikHashKey?: string;
}

export function readLocalSecrets(file = LOCAL_SECRETS_FILE): LocalSecrets | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LocalSecrets) : null;
}

/** A bearer token for the local gateway (HS256 with AUTH_JWT_SECRET): what an OIDC provider issues in production. */
export function mintToken(options: {
  secret: string;
  role: Exclude<Role, "anonymous">;
  regencies?: string[];
  subject?: string;
  ttl?: string;
}): Promise<string> {
  return new SignJWT({
    role: options.role,
    ...(options.regencies?.length ? { regencies: options.regencies } : {}),
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(options.subject ?? `local-${options.role}-${randomUUID().slice(0, 8)}`)
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? "12h")
    .sign(new TextEncoder().encode(options.secret));
}

const USAGE = `usage: npm run token -- --role planner|operator|admin [--regency 16.06 ...] [--subject name] [--ttl 12h]

Mints a bearer token for the local gateway, signed with AUTH_JWT_SECRET or, on the embedded default,
the secret npm start generated in .data/secrets.json. Use it as: Authorization: Bearer <token>

  --role      planner (breakdowns), operator (writes for its regencies) or admin (everything)
  --regency   a regency an operator acts for, like 16.06; repeat for more
  --subject   who the token names (default local-<role>-<random>)
  --ttl       how long it is valid, like 12h or 30m (default 12h); at most the gateway's maximum token
              lifetime (AUTH_MAX_TOKEN_LIFETIME, 12h by default)`;

async function main(argv: string[]): Promise<void> {
  const { values: args } = parseCommandLine(argv, {
    options: {
      role: { type: "string" },
      regency: { type: "string", multiple: true },
      subject: { type: "string" },
      ttl: { type: "string" },
    },
    usage: USAGE,
    help: "npm run token -- --help",
  });
  const role = args.role;
  if (role !== "planner" && role !== "operator" && role !== "admin") {
    console.error(USAGE);
    process.exit(2);
  }
  if (role === "operator" && !args.regency?.length) {
    console.error("An operator acts for regencies: add --regency 16.06 (repeat for more).");
    process.exit(2);
  }
  const maxLifetime = maxTokenLifetimeFromEnv();
  const ttl = args.ttl === undefined ? maxLifetime : parseDuration(args.ttl);
  if (ttl === null || ttl < 1 || ttl > maxLifetime) {
    console.error(
      `--ttl ${args.ttl} is not a lifetime the gateway accepts: give one up to ${formatDuration(maxLifetime)}, like 8h or 30m.`,
    );
    process.exit(2);
  }
  const secret =
    process.env.AUTH_JWT_SECRET ||
    readLocalSecrets(process.env.CAKUPAN_SECRETS_FILE || LOCAL_SECRETS_FILE)?.authJwtSecret;
  if (!secret) {
    console.error(
      "No AUTH_JWT_SECRET, and no .data/secrets.json: run npm start once (it creates one), or set AUTH_JWT_SECRET.",
    );
    process.exit(2);
  }
  console.log(
    await mintToken({ secret, role, regencies: args.regency, subject: args.subject, ttl: `${ttl}s` }),
  );
}

if (require.main === module) void main(process.argv.slice(2));

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ensureDatabase, envPort, envString, withDatabase } from "@cakupan/kit";
import { SUBGRAPHS } from "@cakupan/schema";
import { DEFAULT_DATA_DIR, type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-database";
import { LOCAL_SECRETS_FILE, type LocalSecrets, readLocalSecrets } from "./token";

/**
 * `npm start`: the whole platform on one machine. Without DATABASE_URL it runs an embedded PostgreSQL in
 * .data/ (kept between runs); with it, it uses that server. One database per subgraph, each service in its
 * own process exactly as it is deployed, the gateway in front. Ctrl-C stops all of it, PostgreSQL included.
 */

const ROOT = join(__dirname, "..", "..");
const READY_TIMEOUT_MS = 120_000;

interface Service {
  name: string;
  process: ChildProcess;
  readyUrl: string;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const services: Service[] = [];
let database: EmbeddedDatabase | undefined;
let shuttingDown = false;

function startService(name: string, script: string, env: Record<string, string>, port: number): Service {
  const child = spawn(process.execPath, [join(ROOT, script)], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const service = { name, process: child, readyUrl: `http://127.0.0.1:${port}/ready` };
  child.on("exit", (code, signal) => {
    if (!shuttingDown) {
      console.error(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the stack.`);
      void shutdown(1);
    }
  });
  services.push(service);
  return service;
}

async function waitUntilReady(service: Service): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) throw new Error(`${service.name} exited before it was ready`);
    try {
      const response = await fetch(service.readyUrl, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} was not ready after ${READY_TIMEOUT_MS / 1000} s (${service.readyUrl})`);
}

function stopService(service: Service): Promise<void> {
  return new Promise((resolve) => {
    if (service.process.exitCode !== null || service.process.signalCode !== null) return resolve();
    const force = setTimeout(() => service.process.kill("SIGKILL"), 10_000);
    service.process.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    service.process.kill("SIGTERM");
  });
}

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise(() => {});
  shuttingDown = true;
  // The gateway first, so no request reaches a subgraph that is going away.
  for (const service of [...services].reverse()) await stopService(service);
  if (database) {
    await database.stop();
    console.log("embedded PostgreSQL stopped");
  }
  process.exit(code);
}

/**
 * Secrets for a local stack: from the environment when set, else generated once into .data/secrets.json
 * (git-ignored, readable by its owner only) so tokens minted with `npm run token` keep working across restarts.
 */
function localSecrets(): LocalSecrets {
  const fromEnv = { authJwtSecret: process.env.AUTH_JWT_SECRET, internalTokenSecret: process.env.INTERNAL_TOKEN_SECRET };
  const file = envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE);
  const stored = readLocalSecrets(file);
  const secrets = {
    authJwtSecret: fromEnv.authJwtSecret || stored?.authJwtSecret || randomBytes(32).toString("hex"),
    internalTokenSecret: fromEnv.internalTokenSecret || stored?.internalTokenSecret || randomBytes(32).toString("hex"),
    nikEncryptionKey: process.env.NIK_ENCRYPTION_KEY || stored?.nikEncryptionKey || randomBytes(32).toString("hex"),
    nikHashKey: process.env.NIK_HASH_KEY || stored?.nikHashKey || randomBytes(32).toString("hex"),
  };
  if (!stored?.nikHashKey && !(fromEnv.authJwtSecret && fromEnv.internalTokenSecret)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const gatewayPort = envPort("PORT", 4000);
  const secrets = localSecrets();
  const prefix = envString("DATABASE_PREFIX", "cakupan");
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = envString("CAKUPAN_DATA_DIR", DEFAULT_DATA_DIR);
    database = await startEmbeddedDatabase({ dataDir });
    serverUrl = database.url;
    console.log(`embedded PostgreSQL ${database.created ? "created" : "reused"} in ${dataDir}, port ${database.port} (${elapsed()})`);
  } else {
    console.log(`using the PostgreSQL server in DATABASE_URL (${new URL(serverUrl).host})`);
  }

  const subgraphs = await Promise.all(
    SUBGRAPHS.map(async ({ definition, main }) => {
      const databaseName = `${prefix}_${definition.name}`;
      await ensureDatabase(serverUrl, databaseName);
      const port = envPort(`SUBGRAPH_${definition.name.toUpperCase()}_PORT`, definition.defaultPort);
      const service = startService(definition.name, main, {
        DATABASE_URL: withDatabase(serverUrl, databaseName),
        MIGRATE_ON_START: "true",
        SEED_ON_START: "true",
        INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
        NIK_ENCRYPTION_KEY: secrets.nikEncryptionKey!,
        NIK_HASH_KEY: secrets.nikHashKey!,
      }, port);
      return { service, url: `http://127.0.0.1:${port}/graphql`, name: definition.name, databaseUrl: withDatabase(serverUrl, databaseName) };
    }),
  );
  // What the registry CLI (npm run import / generate) needs to reach this stack's participants database.
  mkdirSync(dirname(envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE)), { recursive: true });
  const stackFile = join(dirname(envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE)), "stack.json");
  writeFileSync(
    stackFile,
    JSON.stringify({ databases: Object.fromEntries(subgraphs.map((s) => [s.name, s.databaseUrl])), nikEncryptionKey: secrets.nikEncryptionKey, nikHashKey: secrets.nikHashKey }, null, 2),
    { mode: 0o600 },
  );
  await Promise.all(subgraphs.map(({ service }) => waitUntilReady(service)));

  const gatewayEnv: Record<string, string> = {
    AUTH_JWT_SECRET: process.env.AUTH_JWKS_URL ? "" : secrets.authJwtSecret,
    INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
  };
  for (const [index, { definition }] of SUBGRAPHS.entries()) {
    gatewayEnv[`SUBGRAPH_${definition.name.toUpperCase()}_URL`] = subgraphs[index].url;
  }
  const gateway = startService("gateway", "gateway/dist/main.js", gatewayEnv, gatewayPort);
  await waitUntilReady(gateway);

  const gatewayUrl = `http://localhost:${gatewayPort}/graphql`;
  const base = `http://localhost:${gatewayPort}`;
  const lines: [string, string][] = [
    ["GraphQL gateway", `${gatewayUrl}   (open it in a browser for the GraphQL IDE)`],
    ["public schema", `${base}/schema.graphql`],
    ...subgraphs.map(({ service, url }): [string, string] => [`${service.name} subgraph`, url]),
    ["health, readiness", `${base}/health, ${base}/ready`],
    ["Dashboard", `${base}/dashboard/`],
    ["Excel add-in", `${base}/addin/manifest.xml   (sideload it; see README)`],
    ["CSV / JSON exports", `${base}/export/coverage.csv?province=16  (or .json; &history=true)`],
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  console.log(`
Cakupan is up (${elapsed()}).

${lines.map(([label, value]) => `  ${label.padEnd(width)}${value}`).join("\n")}

First query:
  curl -s ${gatewayUrl} -H 'content-type: application/json' \\
    -d '{"query":"{ regency(code:\\"16.06\\") { name province { name } workforceEstimates { year persons source { publisher } } } }"}'

Reading public figures needs no token. To write, or to see breakdowns, mint a local token:
  npm run token -- --role planner                       (or admin; operator: --role operator --regency 16.06)
and send it as: Authorization: Bearer <token>

Ctrl-C stops everything${database ? ", embedded PostgreSQL included" : ""}.`);
}

main().catch(async (error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  await shutdown(1);
});

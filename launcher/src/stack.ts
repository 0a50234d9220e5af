import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  envPort,
  envString,
  GATEWAY_NODE_OPTIONS,
  GATEWAY_ROUTES,
  parseCommandLine,
  SERVICE_ROUTES,
  SUBGRAPH_NODE_OPTIONS,
  withInheritedNodeOptions,
} from "@cakupan/core";
import { databaseAnswers, ensureDatabase, withDatabase } from "@cakupan/kit";
import { createLogger } from "@cakupan/observability";
import { SUBGRAPHS } from "@cakupan/schema";
import {
  DEFAULT_DATA_DIR,
  type EmbeddedDatabase,
  portIsFree,
  startEmbeddedDatabase,
} from "./embedded-database";
import { Supervisor } from "./supervisor";
import { LOCAL_SECRETS_FILE, type LocalSecrets, readLocalSecrets } from "./token";

/**
 * `npm start`: the whole platform on one machine. Without DATABASE_URL it runs an embedded PostgreSQL in
 * .data/ (kept between runs); with it, it uses that server. One database per subgraph, each service in its
 * own process exactly as it is deployed, the gateway in front, all supervised: a part that exits is
 * restarted (see supervisor.ts). Ctrl-C stops all of it, PostgreSQL included.
 */

const ROOT = join(__dirname, "..", "..");
const log = createLogger("stack");

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
let database: EmbeddedDatabase | undefined;
let shuttingDown = false;
const supervisor = new Supervisor({
  log,
  databaseAnswers: () => (serverUrl ? databaseAnswers(serverUrl) : Promise.resolve(true)),
  onGiveUp: () => void shutdown(1),
  // A part restarted after a crash reads the code its first start compiled instead of compiling it again.
  compileCacheDir: join(ROOT, ".data", "compile-cache"),
});
let serverUrl: string | undefined;

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise(() => {});
  shuttingDown = true;
  // The gateway first, so no request reaches a subgraph that is going away.
  await supervisor.stopAll();
  if (database) {
    await database.stop();
    log.info("embedded PostgreSQL stopped");
  }
  process.exit(code);
}

/** The embedded server is a part like the others: restarted with backoff if it exits without being asked. */
function superviseEmbeddedDatabase(current: EmbeddedDatabase): void {
  current.onExit(async (how) => {
    if (shuttingDown) return;
    log.error(
      { part: "postgres", cause: how },
      `embedded PostgreSQL ${how} unexpectedly; restarting it (services wait for it)`,
    );
    for (let attempt = 1; !shuttingDown; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 250 * 2 ** (attempt - 1))));
      try {
        database = await startEmbeddedDatabase({ dataDir: current.dataDir, port: current.port });
        log.info({ part: "postgres" }, `embedded PostgreSQL is back on port ${current.port}`);
        return superviseEmbeddedDatabase(database);
      } catch (error) {
        if (attempt >= 5) {
          log.fatal(
            { part: "postgres", err: error },
            `embedded PostgreSQL does not start again after ${attempt} tries; stopping the stack`,
          );
          return void shutdown(1);
        }
        log.error(
          { part: "postgres", err: error },
          `embedded PostgreSQL did not start again (try ${attempt}); retrying`,
        );
      }
    }
  });
}

/** A server in DATABASE_URL that is not up yet (or restarting) is waited for, not a reason to fail. */
async function waitForServer(url: string): Promise<void> {
  let told = false;
  while (!shuttingDown && !(await databaseAnswers(url))) {
    if (!told) log.warn(`PostgreSQL at ${new URL(url).host} does not answer yet: waiting for it`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Secrets for a local stack: from the environment when set, else generated once into .data/secrets.json
 * (git-ignored, readable by its owner only) so tokens minted with `npm run token` keep working across restarts.
 */
function localSecrets(): LocalSecrets {
  const fromEnv = {
    authJwtSecret: process.env.AUTH_JWT_SECRET,
    internalTokenSecret: process.env.INTERNAL_TOKEN_SECRET,
  };
  const file = envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE);
  const stored = readLocalSecrets(file);
  const secrets = {
    authJwtSecret: fromEnv.authJwtSecret || stored?.authJwtSecret || randomBytes(32).toString("hex"),
    internalTokenSecret:
      fromEnv.internalTokenSecret || stored?.internalTokenSecret || randomBytes(32).toString("hex"),
    nikEncryptionKey:
      process.env.NIK_ENCRYPTION_KEY || stored?.nikEncryptionKey || randomBytes(32).toString("hex"),
    nikHashKey: process.env.NIK_HASH_KEY || stored?.nikHashKey || randomBytes(32).toString("hex"),
  };
  if (!stored?.nikHashKey && !(fromEnv.authJwtSecret && fromEnv.internalTokenSecret)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

const USAGE = `usage: npm start

Builds and starts the whole platform on this machine: an embedded PostgreSQL in .data/ (or the server in
DATABASE_URL), every subgraph in its own process, seeded, and the gateway in front. Ctrl-C stops it all.
Configured by environment variables (README, Configuration), among them:

  PORT                     the gateway's port (4000)
  SUBGRAPH_<NAME>_PORT     a subgraph's port (regencies 4001, participants 4002, awards 4003)
  DATABASE_URL             a PostgreSQL server to use instead of the embedded one
  DATABASE_PREFIX          prefix of the databases created on it (cakupan)
  CAKUPAN_DATA_DIR         where the embedded cluster lives (.data/postgres)
  CAKUPAN_POSTGRES_PORT    the embedded PostgreSQL's port (a free one)
  CAKUPAN_SECRETS_FILE     where the generated local secrets are kept (.data/secrets.json)`;

async function main(): Promise<void> {
  parseCommandLine(process.argv.slice(2), { options: {}, usage: USAGE, help: "npm start -- --help" });
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const gatewayPort = envPort("PORT", 4000);
  const postgresPort = envPort("CAKUPAN_POSTGRES_PORT", 0);
  // A part whose port is taken would crash and be restarted in a loop, while whatever holds the port answers
  // its readiness check and its queries: refused here, naming the setting that moves it.
  const ports: [string, number][] = [
    ["PORT", gatewayPort],
    ...SUBGRAPHS.map(({ definition }): [string, number] => {
      const name = `SUBGRAPH_${definition.name.toUpperCase()}_PORT`;
      return [name, envPort(name, definition.defaultPort)];
    }),
    ...(process.env.DATABASE_URL ? [] : [["CAKUPAN_POSTGRES_PORT", postgresPort] as [string, number]]),
  ];
  const taken: string[] = [];
  for (const [name, port] of ports)
    if (port !== 0 && !(await portIsFree(port))) taken.push(`${port} (${name})`);
  if (taken.length)
    throw new Error(
      `port${taken.length > 1 ? "s" : ""} ${taken.join(", ")} already in use by another program: stop it, or set ${taken.length > 1 ? "those settings" : "that setting"} to a free port`,
    );
  const secrets = localSecrets();
  const prefix = envString("DATABASE_PREFIX", "cakupan");
  serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = envString("CAKUPAN_DATA_DIR", DEFAULT_DATA_DIR);
    database = await startEmbeddedDatabase({ dataDir, port: postgresPort || undefined });
    serverUrl = database.url;
    superviseEmbeddedDatabase(database);
    log.info(
      `embedded PostgreSQL ${database.created ? "created" : "reused"} in ${dataDir}, port ${database.port} (${elapsed()})`,
    );
  } else {
    log.info(`using the PostgreSQL server in DATABASE_URL (${new URL(serverUrl).host})`);
    await waitForServer(serverUrl);
  }
  const server = serverUrl;

  const subgraphs = await Promise.all(
    SUBGRAPHS.map(async ({ definition, main }) => {
      const databaseName = `${prefix}_${definition.name}`;
      await ensureDatabase(server, databaseName);
      const port = envPort(`SUBGRAPH_${definition.name.toUpperCase()}_PORT`, definition.defaultPort);
      const spec = {
        name: definition.name,
        script: join(ROOT, main),
        readyUrl: `http://127.0.0.1:${port}${SERVICE_ROUTES.ready}`,
        needsDatabase: true,
        env: {
          NODE_OPTIONS: withInheritedNodeOptions(SUBGRAPH_NODE_OPTIONS),
          PORT: String(port),
          DATABASE_URL: withDatabase(server, databaseName),
          MIGRATE_ON_START: "true",
          SEED_ON_START: "true",
          INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
          NIK_ENCRYPTION_KEY: secrets.nikEncryptionKey!,
          NIK_HASH_KEY: secrets.nikHashKey!,
        },
      };
      return {
        spec,
        url: `http://127.0.0.1:${port}${SERVICE_ROUTES.graphql}`,
        name: definition.name,
        databaseUrl: withDatabase(server, databaseName),
      };
    }),
  );
  // What the registry CLI (npm run import / generate) needs to reach this stack's participants database.
  mkdirSync(dirname(envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE)), { recursive: true });
  const stackFile = join(dirname(envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE)), "stack.json");
  writeFileSync(
    stackFile,
    JSON.stringify(
      {
        databases: Object.fromEntries(subgraphs.map((s) => [s.name, s.databaseUrl])),
        nikEncryptionKey: secrets.nikEncryptionKey,
        nikHashKey: secrets.nikHashKey,
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  await Promise.all(subgraphs.map(({ spec }) => supervisor.start(spec)));

  const gatewayEnv: Record<string, string> = {
    NODE_OPTIONS: withInheritedNodeOptions(GATEWAY_NODE_OPTIONS),
    PORT: String(gatewayPort),
    AUTH_JWT_SECRET: process.env.AUTH_JWKS_URL ? "" : secrets.authJwtSecret,
    INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
  };
  for (const [index, { definition }] of SUBGRAPHS.entries()) {
    gatewayEnv[`SUBGRAPH_${definition.name.toUpperCase()}_URL`] = subgraphs[index].url;
  }
  await supervisor.start({
    name: "gateway",
    script: join(ROOT, "gateway/dist/main.js"),
    env: gatewayEnv,
    readyUrl: `http://127.0.0.1:${gatewayPort}${SERVICE_ROUTES.ready}`,
  });

  const gatewayUrl = `http://localhost:${gatewayPort}${SERVICE_ROUTES.graphql}`;
  const base = `http://localhost:${gatewayPort}`;
  const lines: [string, string][] = [
    ["GraphQL gateway", `${gatewayUrl}   (open it in a browser for the GraphQL IDE)`],
    ["public schema", `${base}${GATEWAY_ROUTES.publicSchema}`],
    ...subgraphs.map(({ name, url }): [string, string] => [`${name} subgraph`, url]),
    ["health, readiness", `${base}${SERVICE_ROUTES.health}, ${base}${SERVICE_ROUTES.ready}`],
    ["metrics (Prometheus)", `${base}${SERVICE_ROUTES.metrics}`],
    ["Dashboard", `${base}${GATEWAY_ROUTES.dashboard}/`],
    ["Excel add-in", `${base}${GATEWAY_ROUTES.addin}/manifest.xml   (sideload it; see README)`],
    ["CSV / JSON exports", `${base}${GATEWAY_ROUTES.coverageCsv}?province=16  (or .json; &history=true)`],
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
  log.fatal({ err: error }, `npm start failed: ${error.message}`);
  await shutdown(1);
});

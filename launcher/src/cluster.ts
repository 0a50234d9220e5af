import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  envFlag,
  envPort,
  envString,
  GATEWAY_NODE_OPTIONS,
  parseCommandLine,
  SERVICE_ROUTES,
  SUBGRAPH_NODE_OPTIONS,
  WARM_UP_TOKEN_ENV,
  withInheritedNodeOptions,
} from "@cakupan/core";
import { databaseAnswers, ensureDatabase, withDatabase } from "@cakupan/kit";
import { createLogger } from "@cakupan/observability";
import { SUBGRAPHS } from "@cakupan/schema";
import { haproxyServerOf, slowStartAgain } from "./haproxy-runtime";
import { startReplicatedPostgres, type ReplicatedPostgres } from "./replicated-postgres";
import { stopProcess, Supervisor } from "./supervisor";
import { LOCAL_SECRETS_FILE, type LocalSecrets, mintToken, readLocalSecrets } from "./token";

/**
 * `npm run cluster`: the platform as it runs when one machine is not enough, on this machine, from the
 * distribution's packages: a PostgreSQL primary and a streaming replica (pg_basebackup), Redis for the
 * shared response cache, two replicas of every subgraph and two gateway replicas, HAProxy in front of the
 * gateways and of each subgraph's replicas, health-checked on /ready. The ports and the addresses in
 * deploy/cluster/haproxy.cfg and redis.conf are the ones used here (6100-6199; CLUSTER_PORT_BASE moves them
 * all, for a machine where those are taken). Ctrl-C stops all of it.
 */

const ROOT = join(__dirname, "..", "..");
const DEPLOY = join(ROOT, "deploy", "cluster");
const log = createLogger("cluster");

/** The ports of deploy/cluster/haproxy.cfg and redis.conf (6100-6199); CLUSTER_PORT_BASE moves all of them. */
const DEPLOYED_PORT_BASE = 6100;
const PORT_BASE = envPort("CLUSTER_PORT_BASE", DEPLOYED_PORT_BASE);
const port = (offset: number) => PORT_BASE + offset;
const CLUSTER_PORTS = {
  haproxy: port(0),
  haproxyStats: port(1),
  haproxyRuntime: port(2),
  gateways: [port(10), port(11)],
  subgraphs: {
    regencies: { replicas: [port(20), port(21)], balanced: port(30) },
    participants: { replicas: [port(22), port(23)], balanced: port(31) },
    awards: { replicas: [port(24), port(25)], balanced: port(32) },
  } as Record<string, { replicas: number[]; balanced: number }>,
  postgresPrimary: port(40),
  postgresReplica: port(41),
  redis: port(50),
};

/**
 * deploy/cluster/haproxy.cfg as it is, or, with CLUSTER_PORT_BASE, a copy in .data/cluster with every
 * loopback address moved by the same offset (the file itself stays the plain one operators read).
 */
function haproxyConfig(): string {
  const deployed = join(DEPLOY, "haproxy.cfg");
  if (PORT_BASE === DEPLOYED_PORT_BASE) return deployed;
  const moved = readFileSync(deployed, "utf8").replace(
    /127\.0\.0\.1:(\d+)/g,
    (_, deployedPort: string) => `127.0.0.1:${Number(deployedPort) - DEPLOYED_PORT_BASE + PORT_BASE}`,
  );
  const file = join(ROOT, ".data", "cluster", "haproxy.cfg");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, moved);
  return file;
}

/** What the chaos script and operators read: pids and addresses of the running cluster. */
const CLUSTER_STATE_FILE = join(ROOT, ".data", "cluster", "cluster.json");

const USAGE = `usage: npm run cluster

Starts on this machine: PostgreSQL primary (port ${CLUSTER_PORTS.postgresPrimary}) and a streaming replica
(${CLUSTER_PORTS.postgresReplica}) made with pg_basebackup, in .data/cluster/postgres (kept between runs);
Redis (${CLUSTER_PORTS.redis}, deploy/cluster/redis.conf); two replicas of each subgraph (${CLUSTER_PORTS.subgraphs.regencies.replicas[0]}-${CLUSTER_PORTS.subgraphs.awards.replicas[1]}); two gateway
replicas (${CLUSTER_PORTS.gateways.join(", ")}); HAProxy (deploy/cluster/haproxy.cfg) in front: the API at
http://127.0.0.1:${CLUSTER_PORTS.haproxy}/graphql, its statistics at http://127.0.0.1:${CLUSTER_PORTS.haproxyStats}/.
Needs, from Debian's packages: postgresql (server binaries with pg_basebackup; PG_BIN picks a directory),
redis-server, haproxy. A part that exits is restarted, at nice CLUSTER_RESTART_NICE (default 19; 0: normal)
and under SCHED_IDLE (CLUSTER_RESTART_IDLE, default true; needs chrt) until it is ready, so that the
replicas still serving keep the CPU; a subgraph's replacement does not seed again. Each replica has a spare
booted ahead of need at that priority, which takes over its port when it dies (CLUSTER_SPARES, default true);
a spare gateway first warms up, serving our clients' persisted queries to itself on a private port
(CLUSTER_WARM_UP, default false); HAProxy slow-starts a spare that takes over, warm or not.
Ctrl-C stops all of it.
CLUSTER_PORT_BASE (default ${DEPLOYED_PORT_BASE}) moves every port by the same offset.`;

function missingPrograms(): string[] {
  const missing: string[] = [];
  for (const [program, pkg] of [
    ["haproxy", "haproxy"],
    ["redis-server", "redis-server"],
  ]) {
    try {
      execFileSync(program, ["-v"], { stdio: "ignore" });
    } catch {
      missing.push(`${program} (apt-get install -y ${pkg})`);
    }
  }
  return missing;
}

/** Secrets shared with `npm run token` (.data/secrets.json), generated on first use. */
function clusterSecrets(): Required<LocalSecrets> {
  const file = envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE);
  const stored = readLocalSecrets(file);
  const secrets = {
    authJwtSecret: process.env.AUTH_JWT_SECRET || stored?.authJwtSecret || randomBytes(32).toString("hex"),
    internalTokenSecret:
      process.env.INTERNAL_TOKEN_SECRET || stored?.internalTokenSecret || randomBytes(32).toString("hex"),
    nikEncryptionKey:
      process.env.NIK_ENCRYPTION_KEY || stored?.nikEncryptionKey || randomBytes(32).toString("hex"),
    nikHashKey: process.env.NIK_HASH_KEY || stored?.nikHashKey || randomBytes(32).toString("hex"),
  };
  if (!stored?.nikHashKey) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** A program of the distribution (not a Node service), stopped with the cluster; its output goes to our log. */
function startProgram(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) log.info({ part: name }, line.trim());
  };
  child.stdout!.on("data", forward);
  child.stderr!.on("data", forward);
  child.on("exit", (code, signal) => {
    if (!shuttingDown) log.error({ part: name }, `${name} exited (${signal ?? code}); stopping the cluster`);
    if (!shuttingDown) void shutdown(1);
  });
  return child;
}

function envNice(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const nice = Number(raw);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19)
    throw new Error(
      `${name}=${raw} is not a nice value: use a whole number from 0 to 19, or unset it for ${fallback}.`,
    );
  return nice;
}

async function waitFor(url: string, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url} in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Spares warm up before they stand by (only with spares). Off by default: in session 10's runs it cut a spare
 * gateway's CPU a request in its first 2 s by about a third, but throughput was back within 5 s in fewer runs
 * with it than without (README, Session 10).
 */
const WARM_UP = envFlag("CLUSTER_WARM_UP", false);

let shuttingDown = false;
let postgres: ReplicatedPostgres | undefined;
const programs: ChildProcess[] = [];
const supervisor = new Supervisor({
  log,
  databaseAnswers: () => (postgres ? databaseAnswers(postgres.primaryUrl) : Promise.resolve(true)),
  onGiveUp: () => void shutdown(1),
  // A replica that died is replaced at low priority: on a machine whose cores the surviving replicas keep
  // busy, its boot would otherwise take their CPU (measured: README, Scaling out). 0 turns this off.
  restartNice: envNice("CLUSTER_RESTART_NICE", 19),
  // And under SCHED_IDLE: nice 19 still lets it finish its time slice when a serving process wakes up.
  restartIdle: envFlag("CLUSTER_RESTART_IDLE", true),
  // A replacement reads the code its predecessors compiled instead of compiling every module again.
  compileCacheDir: join(ROOT, ".data", "compile-cache"),
  // Every replica has a spare booted ahead of need, which takes over its port when it dies: booting a
  // replacement only then, on cores the survivors keep busy, took 3-12 s (README, Scaling out).
  spares: envFlag("CLUSTER_SPARES", true),
  // A fresh gateway answered at about half the rate of a warm one: a spare warms up on the real request mix
  // before it stands by (README, Scaling out).
  warmUpSpares: WARM_UP,
  // HAProxy raises a spare's share over slowstart, as for a server back from DOWN (it never was: the spare
  // listens before two health checks fail), warm or not: a spare that warmed up still used about twice a warm
  // replica's CPU a request in its first 2-3 s after taking over (README, Session 10), and given its full share
  // at once it held throughput lower than a cold spare slow-started.
  onSpareServing: (part) => {
    slowStartAgain({ host: "127.0.0.1", port: CLUSTER_PORTS.haproxyRuntime }, haproxyServerOf(part)).catch(
      (error: Error) =>
        log.warn({ part, err: error }, `HAProxy did not slow-start ${part}'s spare: ${error.message}`),
    );
  },
});

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise(() => {});
  shuttingDown = true;
  log.info("stopping the cluster");
  // The load balancer first (no new requests), then gateways, subgraphs, Redis, PostgreSQL.
  for (const program of programs.slice(0, 1)) await stopProcess(program);
  await supervisor.stopAll();
  for (const program of programs.slice(1)) await stopProcess(program);
  await postgres?.stop();
  log.info("cluster stopped");
  process.exit(code);
}

async function main(): Promise<void> {
  parseCommandLine(process.argv.slice(2), { options: {}, usage: USAGE, help: "npm run cluster -- --help" });
  const missing = missingPrograms();
  if (missing.length) {
    console.error(
      `npm run cluster needs programs that are not installed: ${missing.join(", ")}.\n` +
        "They are the engines operators run in production (see README, Scaling out); install them and run again.",
    );
    process.exit(1);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  const started = Date.now();
  const secrets = clusterSecrets();

  // HAProxy first of the programs, so it is stopped first.
  programs.push(startProgram("haproxy", "haproxy", ["-db", "-f", haproxyConfig()]));
  programs.push(
    startProgram("redis", "redis-server", [
      join(DEPLOY, "redis.conf"),
      "--port",
      String(CLUSTER_PORTS.redis),
    ]),
  );
  postgres = await startReplicatedPostgres({
    dataDir: join(ROOT, ".data", "cluster", "postgres"),
    primaryPort: CLUSTER_PORTS.postgresPrimary,
    replicaPort: CLUSTER_PORTS.postgresReplica,
  });
  log.info(
    `PostgreSQL primary on ${CLUSTER_PORTS.postgresPrimary}, streaming replica on ${CLUSTER_PORTS.postgresReplica} (${postgres.created ? "created" : "reused"})`,
  );
  const primary = postgres.primaryUrl;
  const replica = postgres.replicaUrl;

  // Each subgraph's first replica migrates and seeds; the second starts once that is done and only serves.
  await Promise.all(
    SUBGRAPHS.map(async ({ definition, main }) => {
      const database = `cakupan_${definition.name}`;
      await ensureDatabase(primary, database);
      const ports = CLUSTER_PORTS.subgraphs[definition.name];
      for (const [index, port] of ports.replicas.entries()) {
        await supervisor.start({
          name: `${definition.name}${index + 1}`,
          script: join(ROOT, main),
          readyUrl: `http://127.0.0.1:${port}${SERVICE_ROUTES.ready}`,
          needsDatabase: true,
          env: {
            // As npm start and the Dockerfiles run them (until session 11 the cluster's parts ran without).
            NODE_OPTIONS: withInheritedNodeOptions(SUBGRAPH_NODE_OPTIONS),
            PORT: String(port),
            DATABASE_URL: withDatabase(primary, database),
            DATABASE_READ_URL: withDatabase(replica, database),
            MIGRATE_ON_START: index === 0 ? "true" : "false",
            SEED_ON_START: index === 0 ? "true" : "false",
            INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
            NIK_ENCRYPTION_KEY: secrets.nikEncryptionKey,
            NIK_HASH_KEY: secrets.nikHashKey,
          },
          // The first start seeded. Seeding again writes every seeded table, which moves the subgraph's data
          // version and so ends every cached answer built on it, on every gateway, just when a replica is
          // down. Pending migrations are still applied (with none, that is one read of the migrations table).
          restartEnv: { SEED_ON_START: "false" },
        });
      }
    }),
  );

  const gatewayEnv: Record<string, string> = {
    NODE_OPTIONS: withInheritedNodeOptions(GATEWAY_NODE_OPTIONS),
    AUTH_JWT_SECRET: secrets.authJwtSecret,
    INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
    REDIS_URL: `redis://127.0.0.1:${CLUSTER_PORTS.redis}/0`,
    // HAProxy on loopback adds X-Forwarded-For: rate limits and logs name the client, not the balancer.
    TRUST_PROXY: "loopback",
  };
  for (const [name, { balanced }] of Object.entries(CLUSTER_PORTS.subgraphs))
    gatewayEnv[`SUBGRAPH_${name.toUpperCase()}_URL`] =
      `http://127.0.0.1:${balanced}${SERVICE_ROUTES.graphql}`;
  await Promise.all(
    CLUSTER_PORTS.gateways.map((port, index) =>
      supervisor.start({
        name: `gateway${index + 1}`,
        script: join(ROOT, "gateway/dist/main.js"),
        readyUrl: `http://127.0.0.1:${port}${SERVICE_ROUTES.ready}`,
        env: { ...gatewayEnv, PORT: String(port) },
        // Half of a spare's warm-up is a planner's requests: its token is minted when the spare starts (30 min
        // covers a boot and a warm-up on a busy machine), never one kept from the cluster's start.
        spareEnv: WARM_UP
          ? async () => ({
              [WARM_UP_TOKEN_ENV]: await mintToken({
                secret: secrets.authJwtSecret,
                role: "planner",
                subject: "cluster-spare-warm-up",
                ttl: "30m",
              }),
            })
          : undefined,
      }),
    ),
  );
  const api = `http://127.0.0.1:${CLUSTER_PORTS.haproxy}`;
  await waitFor(`${api}${SERVICE_ROUTES.ready}`, "HAProxy in front of the gateways");
  // Up means able to lose any replica: the spares boot at low priority, on what CPU the start leaves.
  await supervisor.sparesStandingBy();

  const parts = [
    ...SUBGRAPHS.flatMap(({ definition }) => [`${definition.name}1`, `${definition.name}2`]),
    "gateway1",
    "gateway2",
  ];
  mkdirSync(dirname(CLUSTER_STATE_FILE), { recursive: true });
  writeFileSync(
    CLUSTER_STATE_FILE,
    JSON.stringify(
      {
        api: `${api}${SERVICE_ROUTES.graphql}`,
        stats: `http://127.0.0.1:${CLUSTER_PORTS.haproxyStats}/`,
        runtimeApi: { host: "127.0.0.1", port: CLUSTER_PORTS.haproxyRuntime },
        ports: CLUSTER_PORTS,
        pids: Object.fromEntries(parts.map((part) => [part, supervisor.pid(part)])),
        cluster: process.pid,
      },
      null,
      2,
    ),
  );
  console.log(`
Cakupan cluster is up (${((Date.now() - started) / 1000).toFixed(1)} s).

  API (HAProxy)            ${api}${SERVICE_ROUTES.graphql}
  HAProxy statistics       http://127.0.0.1:${CLUSTER_PORTS.haproxyStats}/
  gateway replicas         ${CLUSTER_PORTS.gateways.map((port) => `127.0.0.1:${port}`).join(", ")}   (Redis response cache on ${CLUSTER_PORTS.redis})
${SUBGRAPHS.map(({ definition }) => {
  const ports = CLUSTER_PORTS.subgraphs[definition.name];
  return `  ${`${definition.name} replicas`.padEnd(25)}${ports.replicas.map((port) => `127.0.0.1:${port}`).join(", ")}   (balanced at ${ports.balanced})`;
}).join("\n")}
  PostgreSQL               primary 127.0.0.1:${CLUSTER_PORTS.postgresPrimary}, streaming replica 127.0.0.1:${CLUSTER_PORTS.postgresReplica}
  pids                     ${CLUSTER_STATE_FILE}

Ctrl-C stops all of it.`);
}

main().catch(async (error: Error) => {
  log.fatal({ err: error }, `npm run cluster failed: ${error.message}`);
  await shutdown(1);
});

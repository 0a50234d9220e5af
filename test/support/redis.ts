import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { testPort } from "./ports";

/** Where redis-server is, when installed (Debian: apt-get install redis-server); REDIS_SERVER picks another. */
export function redisServerBinary(): string | undefined {
  const candidate = process.env.REDIS_SERVER ?? "redis-server";
  try {
    execFileSync(candidate, ["--version"], { stdio: "ignore" });
    return candidate;
  } catch {
    return undefined;
  }
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A redis-server of the test's own on loopback, nothing persisted: the shared one is never touched. */
export async function startTestRedis(port?: number): Promise<TestRedis> {
  const binary = redisServerBinary();
  if (!binary) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const chosen = port ?? (await testPort());
  const child: ChildProcess = spawn(
    binary,
    ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropDatabase, withDatabase } from "@cakupan/kit";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { graphql } from "../../support/graphql";
import { testPort } from "../../support/ports";
import { runDatabaseName } from "../../support/databases";

/**
 * `npm start` (the compiled stack, as after its build) on the run's PostgreSQL server, with parts killed from
 * outside: a part that exits is restarted and the rest keep running; a part that keeps crashing stops the
 * stack with the part's name and its error. Its JSON log lines are read as an operator's tools would.
 */
const ROOT = join(__dirname, "..", "..", "..");
const STACK = join(ROOT, "launcher", "dist", "stack.js");
const SUBGRAPHS = ["regencies", "participants", "awards"];

interface LogLine {
  level: number;
  msg: string;
  part?: string;
  childPid?: number;
  service?: string;
  [key: string]: unknown;
}

let stack: ChildProcess;
const lines: LogLine[] = [];
let output = "";
let exited: Promise<number | null>;
let dataDir: string;
let prefix: string;
let ports: Record<string, number>;
let gatewayUrl: string;

async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms. Output:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pidOf = (part: string) => lines.filter((line) => line.part === part && line.childPid).at(-1)?.childPid;

beforeAll(async () => {
  expect(existsSync(STACK), "launcher/dist/stack.js is missing: npm test builds it first").toBe(true);
  dataDir = mkdtempSync(join(tmpdir(), "cakupan-supervisor-"));
  prefix = runDatabaseName("supervised", inject("runId"));
  ports = {
    gateway: await testPort(),
    regencies: await testPort(),
    participants: await testPort(),
    awards: await testPort(),
  };
  gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  stack = spawn(process.execPath, [STACK], {
    env: {
      ...process.env,
      DATABASE_URL: inject("serverUrl"),
      DATABASE_PREFIX: prefix,
      CAKUPAN_SECRETS_FILE: join(dataDir, "secrets.json"),
      PORT: String(ports.gateway),
      SUBGRAPH_REGENCIES_PORT: String(ports.regencies),
      SUBGRAPH_PARTICIPANTS_PORT: String(ports.participants),
      SUBGRAPH_AWARDS_PORT: String(ports.awards),
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      // Probes of an open circuit every 200 ms: a returning subgraph is asked again almost at once.
      SUBGRAPH_BREAKER_HALF_OPEN_MS: "200",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let pending = "";
  const read = (chunk: Buffer) => {
    output += chunk;
    pending += chunk;
    const complete = pending.split("\n");
    pending = complete.pop()!;
    for (const line of complete) {
      if (!line.startsWith("{")) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // a partial or foreign line
      }
    }
  };
  stack.stdout!.on("data", read);
  stack.stderr!.on("data", read);
  exited = new Promise((resolve) => stack.on("exit", (code) => resolve(code)));
  await until("the stack is up", () => output.includes("Cakupan is up") || stack.exitCode !== null, 150_000);
  expect(stack.exitCode, output).toBeNull();
}, 180_000);

afterAll(async () => {
  if (stack.exitCode === null) {
    stack.kill("SIGINT");
    await exited;
  }
  for (const name of SUBGRAPHS) await dropDatabase(inject("serverUrl"), `${prefix}_${name}`);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const WHOLE = `{ regency(code: "16.06") { name coverage(asOf: "2025-07-31") { rate } awards { rank } } }`;

describe("npm start supervising its parts", () => {
  it("restarts a subgraph killed with SIGKILL, logs why, and restarts nothing else", async () => {
    const before = Object.fromEntries(["gateway", ...SUBGRAPHS].map((part) => [part, pidOf(part)]));
    expect(Object.values(before).every(Boolean)).toBe(true);
    process.kill(before.awards!, "SIGKILL");

    const restartLine = await until(
      "the restart is logged",
      () => lines.find((l) => l.part === "awards" && /killed by SIGKILL unexpectedly/.test(l.msg)),
      5000,
    );
    expect(restartLine).toMatchObject({ service: "stack", cause: "killed by SIGKILL" });
    const partial = await graphql(gatewayUrl, WHOLE);
    expect(partial.data?.regency).toMatchObject({ name: "Kabupaten Musi Banyuasin", awards: null });
    expect(partial.errors?.[0].extensions).toMatchObject({
      code: "SUBGRAPH_UNAVAILABLE",
      serviceName: "awards",
    });

    const back = await until(
      "awards is back",
      () => lines.find((l) => l.part === "awards" && /is back/.test(l.msg)),
      60_000,
    );
    const backAt = Date.now();
    const whole = await until(
      "a whole answer",
      async () => {
        const answer = await graphql(gatewayUrl, WHOLE);
        return !answer.errors && answer.data.regency.awards ? answer : undefined;
      },
      5000,
    );
    console.log(`supervisor: awards ready again -> first whole answer ${Date.now() - backAt} ms`);
    expect(whole.data.regency.awards.length).toBeGreaterThan(0);
    expect(back).toBeDefined();
    expect(pidOf("awards")).not.toBe(before.awards);
    for (const part of ["gateway", "regencies", "participants"]) expect(pidOf(part), part).toBe(before[part]);
  }, 90_000);

  it("lets a long query finish when a subgraph gets SIGTERM, then restarts that subgraph", async () => {
    const participantsPid = pidOf("participants")!;
    const lock = new Client({
      connectionString: withDatabase(inject("serverUrl"), `${prefix}_participants`),
    });
    await lock.connect();
    try {
      // The query waits on this lock: it is "long" for as long as the test holds it.
      await lock.query("BEGIN");
      await lock.query("LOCK TABLE coverage_report IN ACCESS EXCLUSIVE MODE");
      const query = graphql(
        gatewayUrl,
        `
          {
            regency(code: "16.06") {
              coverage(asOf: "2025-07-31") {
                activeParticipants
              }
            }
          }
        `,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      process.kill(participantsPid, "SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await lock.query("ROLLBACK");
      const answer = await query;
      expect(answer).toEqual({ data: { regency: { coverage: { activeParticipants: 103079 } } } });
    } finally {
      await lock.end();
    }
    await until(
      "participants restarted",
      () =>
        pidOf("participants") !== participantsPid &&
        lines.some((l) => l.part === "participants" && /is back/.test(l.msg)),
      60_000,
    );
    expect(
      lines.find((l) => l.part === "participants" && /exited with code 0 unexpectedly/.test(l.msg)),
    ).toBeDefined();
    expect(stack.exitCode).toBeNull();
    const after = await graphql(
      gatewayUrl,
      `
        {
          regency(code: "16.06") {
            coverage(asOf: "2025-07-31") {
              activeParticipants
            }
          }
        }
      `,
    );
    expect(after.errors).toBeUndefined();
  }, 90_000);

  it("stops the stack when a part keeps crashing, naming it and its error", async () => {
    let squatter: Server | undefined;
    try {
      process.kill(pidOf("awards")!, "SIGKILL");
      // Another program takes the awards port: every restart fails the same way.
      squatter = await until(
        "the port is free",
        () =>
          new Promise<Server | undefined>((resolve) => {
            const server = createServer();
            server.once("error", () => resolve(undefined));
            server.listen(ports.awards, "127.0.0.1", () => resolve(server));
          }),
        5000,
      );
      const code = await Promise.race([
        exited,
        new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 60_000)),
      ]);
      expect(code).toBe(1);
      const fatal = lines.find((l) => l.level === 60 && l.service === "stack");
      expect(fatal?.msg).toMatch(/^awards keeps crashing: it exited 5 times in a row/);
      expect(fatal?.msg).toContain("EADDRINUSE");
    } finally {
      squatter?.close();
    }
  }, 90_000);
});

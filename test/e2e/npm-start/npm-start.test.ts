import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, graphql } from "../../support/graphql";
import { testPort } from "../../support/ports";

/**
 * The promise of the README on a fresh machine: with no DATABASE_URL, the stack runs on an embedded
 * PostgreSQL kept in a data directory, answers the first query, stops cleanly on Ctrl-C and reuses
 * its data on the next start. This runs the compiled stack exactly as `npm start` does after its build.
 */
const ROOT = join(__dirname, "..", "..", "..");
const STACK = join(ROOT, "launcher", "dist", "stack.js");

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startStack(env: Record<string, string>): Started {
  const childEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [STACK], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(started: Started, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null) throw new Error(`the stack exited early:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" after ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm start on the embedded default", () => {
  let dataDir: string;
  let env: Record<string, string>;
  let gatewayUrl: string;

  beforeAll(async () => {
    expect(
      existsSync(STACK),
      "launcher/dist/stack.js is missing: npm test builds it first (npm run build)",
    ).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), "cakupan-start-"));
    const [gatewayPort, regenciesPort, participantsPort, awardsPort, postgresPort] = [
      await testPort(),
      await testPort(),
      await testPort(),
      await testPort(),
      await testPort(),
    ];
    env = {
      CAKUPAN_DATA_DIR: join(dataDir, "postgres"),
      CAKUPAN_SECRETS_FILE: join(dataDir, "secrets.json"),
      CAKUPAN_POSTGRES_PORT: String(postgresPort),
      PORT: String(gatewayPort),
      SUBGRAPH_REGENCIES_PORT: String(regenciesPort),
      SUBGRAPH_PARTICIPANTS_PORT: String(participantsPort),
      SUBGRAPH_AWARDS_PORT: String(awardsPort),
      DATABASE_PREFIX: "cakupan",
      LOG_LEVEL: "info",
    };
    gatewayUrl = `http://localhost:${gatewayPort}/graphql`;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates the database, seeds it, answers the first query, and stops everything on Ctrl-C", async () => {
    const stack = startStack(env);
    try {
      await waitFor(stack, "Cakupan is up");
      expect(stack.output()).toContain("embedded PostgreSQL created");
      expect(stack.output()).toContain(gatewayUrl);
      const result = await data(
        gatewayUrl,
        `{ regency(code:"16.06") { name province { name } workforceEstimates { year persons source { publisher } } coverage(asOf: "2025-07-31") { activeParticipants gap } } }`,
      );
      expect(result.regency.coverage).toEqual({ activeParticipants: 103079, gap: 8305 });
      expect(stack.output()).toContain("npm run token -- --role planner");
      expect(result.regency).toMatchObject({
        name: "Kabupaten Musi Banyuasin",
        province: { name: "Sumatera Selatan" },
      });
      expect(result.regency.workforceEstimates[0]).toEqual({
        year: 2025,
        persons: 213582,
        source: { publisher: "JPNN.com" },
      });
    } finally {
      // Waited for even when the test failed: the next test starts on the same data directory and ports.
      stack.child.kill("SIGINT");
      await stack.exited;
    }
    expect(await stack.exited).toBe(0);
    expect(stack.output()).toContain("embedded PostgreSQL stopped");
    expect(existsSync(join(env.CAKUPAN_DATA_DIR, "postmaster.pid"))).toBe(false);
  }, 150_000);

  it("mints a local token that the running stack accepts for a write", async () => {
    const stack = startStack(env);
    try {
      await waitFor(stack, "Cakupan is up");
      const mint = spawnSync(
        process.execPath,
        [join(ROOT, "launcher", "dist", "token.js"), "--role", "operator", "--regency", "16.06"],
        {
          env: { ...process.env, CAKUPAN_SECRETS_FILE: env.CAKUPAN_SECRETS_FILE, AUTH_JWT_SECRET: "" },
          encoding: "utf8",
        },
      );
      expect(mint.status, mint.stderr).toBe(0);
      const token = mint.stdout.trim();
      const { recordCoverageReport } = await data(
        gatewayUrl,
        `mutation { recordCoverageReport(input: { regencyCode: "16.06", asOf: "2025-09-30", activeParticipants: 105000, source: { publisher: "Test", title: "npm start smoke test" } }) { activeParticipants } }`,
        {},
        { authorization: `Bearer ${token}` },
      );
      expect(recordCoverageReport).toEqual({ activeParticipants: 105000 });
    } finally {
      // Waited for even when the test failed: the next test starts on the same data directory and ports.
      stack.child.kill("SIGINT");
      await stack.exited;
    }
    expect(await stack.exited).toBe(0);
  }, 150_000);

  it("waits out its embedded PostgreSQL stopped from outside: restarts it, and the services recover without a restart", async () => {
    const stack = startStack(env);
    try {
      await waitFor(stack, "Cakupan is up");
      const pidsBefore = stack.output().match(/"childPid":\d+/g);
      // What `pg_ctl stop -m fast` does: SIGINT to the postmaster.
      const postmaster = Number(
        readFileSync(join(env.CAKUPAN_DATA_DIR, "postmaster.pid"), "utf8").split("\n")[0],
      );
      process.kill(postmaster, "SIGINT");
      await waitFor(stack, "embedded PostgreSQL exited", 15_000);
      await waitFor(stack, "embedded PostgreSQL is back", 30_000);
      const deadline = Date.now() + 15_000;
      let answer: Awaited<ReturnType<typeof graphql>> | undefined;
      while (Date.now() < deadline && !(answer?.data?.regency?.coverage && !answer.errors)) {
        answer = await graphql(
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
        ).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(answer?.data).toEqual({ regency: { coverage: { activeParticipants: 103079 } } });
      expect(stack.output().match(/"childPid":\d+/g)).toEqual(pidsBefore);
    } finally {
      // Waited for even when the test failed: the next test starts on the same data directory and ports.
      stack.child.kill("SIGINT");
      await stack.exited;
    }
    expect(await stack.exited).toBe(0);
  }, 150_000);

  it("reuses the data on a second start", async () => {
    const stack = startStack(env);
    try {
      await waitFor(stack, "Cakupan is up");
      expect(stack.output()).toContain("embedded PostgreSQL reused");
      expect(stack.output()).not.toContain("rows in");
      const { regencies } = await data(gatewayUrl, `{ regencies { code } }`);
      expect(regencies).toHaveLength(514);
    } finally {
      // Waited for even when the test failed: the next test starts on the same data directory and ports.
      stack.child.kill("SIGINT");
      await stack.exited;
    }
    expect(await stack.exited).toBe(0);
  }, 150_000);

  it("refuses to start on a port another program holds, naming the setting that moves it", async () => {
    const holder = createServer();
    const heldPort = await testPort();
    await new Promise<void>((resolve) => holder.listen(heldPort, "127.0.0.1", resolve));
    try {
      const stack = startStack({ ...env, SUBGRAPH_REGENCIES_PORT: String(heldPort) });
      expect(await stack.exited).toBe(1);
      expect(stack.output()).toContain(
        `port ${heldPort} (SUBGRAPH_REGENCIES_PORT) already in use by another program: stop it, or set that setting to a free port`,
      );
      expect(stack.output()).not.toContain("embedded PostgreSQL");
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 30_000);
});

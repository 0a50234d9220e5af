import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { envString, parseCommandLine } from "@cakupan/core";
import { LOCAL_SECRETS_FILE, mintToken, readLocalSecrets } from "./token";

/**
 * `npm run cluster:chaos`: starts `npm run cluster`, puts a light constant load on it through HAProxy
 * (CLIENTS clients, each sending its next request when the last is answered), and reports figures, never
 * asserts them (they depend on the machine):
 *   1. throughput with one gateway replica in rotation, then with two;
 *   2. under load, kill -9 of one gateway replica and one participants replica at once: requests lost (and
 *      how many of them were in flight at the kill), and how long until throughput is back.
 * Half of the requests are anonymous (answered from the shared Redis cache after the first), half are a
 * planner's (never cached: they reach the subgraphs and PostgreSQL's replica), so both paths are measured.
 */

const ROOT = join(__dirname, "..", "..");
const STATE_FILE = join(ROOT, ".data", "cluster", "cluster.json");
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 20);
const LOAD_SECONDS = Number(process.env.CHAOS_SECONDS ?? 20);
const KILL_AT_SECONDS = Number(process.env.CHAOS_KILL_AT ?? 8);
const COMPARE_SECONDS = Number(process.env.CHAOS_COMPARE_SECONDS ?? 10);

const QUERIES = [
  `{ regency(code: "16.06") { name coverage { asOf activeParticipants rate status } } }`,
  `{ province(code: "16") { coverage(asOf: "2025-07-31") { reportingCount activeParticipants rate } } }`,
  `{ regencies(provinceCode: "16") { code name coverage { activeParticipants rate } } }`,
];

interface Outcome {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  error?: string;
}

const USAGE = `usage: npm run cluster:chaos

Starts npm run cluster (stop any running one first), then measures through HAProxy: throughput with 1 and
with 2 gateway replicas (${COMPARE_SECONDS} s each), and a ${LOAD_SECONDS} s run of ${CLIENTS} clients during which one
gateway replica and one participants replica are killed (kill -9) at ${KILL_AT_SECONDS} s. Prints the figures;
stops the cluster. CHAOS_CLIENTS, CHAOS_SECONDS, CHAOS_KILL_AT, CHAOS_COMPARE_SECONDS change the settings.`;

async function waitForCluster(cluster: ChildProcess): Promise<{ api: string; pids: Record<string, number> }> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (cluster.exitCode !== null) throw new Error("npm run cluster exited before it was up");
    if (existsSync(STATE_FILE)) return JSON.parse(readFileSync(STATE_FILE, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the cluster was not up within 10 minutes");
}

/** One command on HAProxy's runtime API (deploy/cluster/haproxy.cfg: stats socket). */
function haproxyCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(6102, "127.0.0.1", () => socket.end(`${command}\n`));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer.trim()));
    socket.on("error", reject);
  });
}

async function load(
  api: string,
  seconds: number,
  planner: string,
  during?: (elapsedMs: number) => void,
): Promise<{ outcomes: Outcome[]; startedAt: number }> {
  const outcomes: Outcome[] = [];
  const startedAt = Date.now();
  const until = startedAt + seconds * 1000;
  let sent = 0;
  const client = async (index: number) => {
    while (Date.now() < until) {
      const query = QUERIES[sent++ % QUERIES.length];
      const signedIn = (index + sent) % 2 === 0;
      const outcome: Outcome = { startedAt: Date.now(), endedAt: 0, ok: false };
      try {
        const response = await fetch(api, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(signedIn ? { authorization: `Bearer ${planner}` } : {}),
          },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await response.json()) as { errors?: { message: string }[] };
        outcome.ok = response.status === 200 && !body.errors;
        if (!outcome.ok) outcome.error = `HTTP ${response.status} ${body.errors?.[0]?.message ?? ""}`.trim();
      } catch (error) {
        outcome.error = (error as Error).message;
      }
      outcome.endedAt = Date.now();
      outcomes.push(outcome);
    }
  };
  const ticker = during ? setInterval(() => during(Date.now() - startedAt), 50) : undefined;
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
  clearInterval(ticker);
  return { outcomes, startedAt };
}

const perSecond = (outcomes: Outcome[], from: number, to: number) =>
  outcomes.filter((o) => o.ok && o.endedAt >= from && o.endedAt < to).length / ((to - from) / 1000);

async function main(): Promise<void> {
  parseCommandLine(process.argv.slice(2), {
    options: {},
    usage: USAGE,
    help: "npm run cluster:chaos -- --help",
  });
  rmSync(STATE_FILE, { force: true });
  const cluster = spawn(process.execPath, [join(ROOT, "launcher", "dist", "cluster.js")], {
    // No rate limit: twenty clients from one address are the point here. Logs: warnings only.
    env: { ...process.env, RATE_LIMIT_REQUESTS: "0", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stopCluster = () =>
    new Promise<void>((resolve) => {
      if (cluster.exitCode !== null) return resolve();
      cluster.once("exit", () => resolve());
      cluster.kill("SIGINT");
    });
  try {
    const { api, pids } = await waitForCluster(cluster);
    const secrets = readLocalSecrets(envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE));
    const planner = await mintToken({ secret: secrets!.authJwtSecret, role: "planner", ttl: "1h" });
    console.log(`cluster up; ${CLIENTS} clients, half anonymous (cached), half a planner's (not cached)`);
    await load(api, 3, planner); // warm-up: connections, caches, JIT

    await haproxyCommand("disable server gateways/gateway2");
    const one = await load(api, COMPARE_SECONDS, planner);
    await haproxyCommand("enable server gateways/gateway2");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const two = await load(api, COMPARE_SECONDS, planner);
    const rate = (run: { outcomes: Outcome[]; startedAt: number }) =>
      perSecond(run.outcomes, run.startedAt, run.startedAt + COMPARE_SECONDS * 1000).toFixed(0);
    console.log(
      `throughput through HAProxy: 1 gateway replica ${rate(one)} req/s, 2 replicas ${rate(two)} req/s`,
    );

    let killedAt = 0;
    const run = await load(api, LOAD_SECONDS, planner, (elapsed) => {
      if (killedAt || elapsed < KILL_AT_SECONDS * 1000) return;
      killedAt = Date.now();
      for (const part of ["gateway1", "participants1"]) process.kill(pids[part], "SIGKILL");
    });
    const failed = run.outcomes.filter((o) => !o.ok);
    const inFlight = failed.filter((o) => o.startedAt <= killedAt && o.endedAt >= killedAt);
    const baseline = perSecond(run.outcomes, run.startedAt + 2000, killedAt);
    // Back: the first moment after the kill from which a whole second's throughput is 80 % of the baseline.
    let recoveredAfterMs: number | undefined;
    for (let at = killedAt; at + 1000 <= run.startedAt + LOAD_SECONDS * 1000; at += 100) {
      if (perSecond(run.outcomes, at, at + 1000) >= 0.8 * baseline) {
        recoveredAfterMs = at - killedAt;
        break;
      }
    }
    // Back for good: from then on, every whole second to the end of the run (its last second, when the
    // clients stop, left out) answers at least 80 % of the baseline.
    const lastSecondStart = run.startedAt + (LOAD_SECONDS - 1) * 1000;
    let sustainedAfterMs: number | undefined;
    for (let at = killedAt; at + 1000 <= lastSecondStart; at += 100) {
      let holds = true;
      for (let from = at; from + 1000 <= lastSecondStart && holds; from += 100)
        holds = perSecond(run.outcomes, from, from + 1000) >= 0.8 * baseline;
      if (holds) {
        sustainedAfterMs = at - killedAt;
        break;
      }
    }
    const dip = Math.min(
      ...Array.from({ length: 10 }, (_, i) =>
        perSecond(run.outcomes, killedAt + i * 500, killedAt + i * 500 + 1000),
      ),
    );
    const series = Array.from({ length: LOAD_SECONDS }, (_, second) =>
      perSecond(run.outcomes, run.startedAt + second * 1000, run.startedAt + (second + 1) * 1000).toFixed(0),
    );
    const slowest = Math.max(...run.outcomes.map((o) => o.endedAt - o.startedAt));
    const errors = new Map<string, number>();
    for (const o of failed) errors.set(o.error ?? "?", (errors.get(o.error ?? "?") ?? 0) + 1);
    console.log(`kill -9 of gateway1 (pid ${pids.gateway1}) and participants1 (pid ${pids.participants1}) at ${KILL_AT_SECONDS} s of ${LOAD_SECONDS} s:
  requests           ${run.outcomes.length} (${run.outcomes.length - failed.length} answered whole)
  lost               ${failed.length}, of which in flight at the kill: ${inFlight.length}
  baseline           ${baseline.toFixed(0)} req/s before the kill; lowest 1 s window in the 5 s after: ${dip.toFixed(0)} req/s
  answered per second ${series.join(" ")}   (slowest request ${slowest} ms)
  back to 80 %       first 1 s window: ${recoveredAfterMs === undefined ? "not within the run" : `${recoveredAfterMs} ms after the kill`}; for good: ${sustainedAfterMs === undefined ? "not within the run" : `${sustainedAfterMs} ms after the kill`}${
    errors.size ? `\n  errors             ${[...errors].map(([e, n]) => `${n}x ${e}`).join("; ")}` : ""
  }`);
  } finally {
    await stopCluster();
  }
}

main().catch((error: Error) => {
  console.error(`cluster:chaos failed: ${error.message}`);
  process.exit(1);
});

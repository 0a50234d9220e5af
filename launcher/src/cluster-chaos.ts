import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { envString, parseCommandLine } from "@cakupan/core";
import { Agent, request } from "undici";
import {
  coresUsed,
  cpuSnapshot,
  formatBusiest,
  formatCores,
  partsSnapshot,
  postmasterPid,
} from "./cluster-cpu";
import { backFromWindow, latencyPerWindow, percentile } from "./chaos-recovery";
import { haproxyCommand, haproxyServerOf, type RuntimeApi } from "./haproxy-runtime";
import { openLoopSchedule, runOpenLoopClient } from "./open-loop";
import { LOCAL_SECRETS_FILE, mintToken, readLocalSecrets } from "./token";

/**
 * `npm run cluster:chaos`: starts `npm run cluster`, puts a load on it through HAProxy (CLIENTS clients) and
 * reports figures, never asserts them (they depend on the machine):
 *   1. throughput with one gateway replica in rotation, then with two (closed loop: the machine's capacity);
 *   2. under load, kill -9 of one gateway replica and one participants replica at once: requests lost (and
 *      how many of them were in flight at the kill: sent before the killed processes were gone), the
 *      answers per 1 s window from the kill, and when throughput is back: the start of the first window
 *      from which every window to the end of the run answers at least 80 % of the reference, and the same
 *      read from sliding windows. The load (CHAOS_LOAD): `rate` (default), a light constant load, requests
 *      sent on a fixed schedule at CHAOS_RATE req/s whatever the answers (issue #18's "light constant load";
 *      the reference is that offered rate, and each window's latency p50 / p99 is reported); `closed`, the
 *      stress figure, each client sending its next request when the last is answered, which saturates the
 *      machine (the reference is the median of the whole 1 s windows before the kill);
 *   3. where the CPU went (cores used by each part, the load generator, and the rest of the machine: a run
 *      during which other processes took CPU is flagged, its figures measure them too).
 * Half of the requests are anonymous, half a planner's: both answered from the shared Redis cache after the
 * first since planners are cached by role (the runs the README lists were measured before, when a planner's
 * answers were computed each time).
 */

const ROOT = join(__dirname, "..", "..");
const STATE_FILE = join(ROOT, ".data", "cluster", "cluster.json");
const CLUSTER_LOG = join(ROOT, ".data", "cluster", "chaos-cluster.log");
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 20);
const LOAD_SECONDS = Number(process.env.CHAOS_SECONDS ?? 20);
const KILL_AT_SECONDS = Number(process.env.CHAOS_KILL_AT ?? 8);
const COMPARE_SECONDS = Number(process.env.CHAOS_COMPARE_SECONDS ?? 10);
const WARM_UP_SECONDS = Number(process.env.CHAOS_WARM_UP_SECONDS ?? 3);
/**
 * The parts killed: names of deploy/cluster/haproxy.cfg's servers; `none`: a control run, the same load
 * and the same figures read from the moment the kill would have been, nothing killed.
 */
const KILL = (process.env.CHAOS_KILL ?? "gateway1,participants1")
  .split(",")
  .map((part) => part.trim())
  .filter((part) => part && part !== "none");
/**
 * How the clients send: `undici` (its request(), default) or `fetch` (the runs before session 7). fetch costs
 * the load generator about twice the CPU per request, taken from the cluster it measures on this machine.
 */
const HTTP_CLIENT = process.env.CHAOS_HTTP ?? "undici";
/** `rate`: open loop at CHAOS_RATE req/s (default); `closed`: each client waits for its answer (stress). */
const LOAD_MODE = process.env.CHAOS_LOAD ?? "rate";
if (LOAD_MODE !== "rate" && LOAD_MODE !== "closed")
  throw new Error(`CHAOS_LOAD: rate or closed, not ${LOAD_MODE}`);
/** The open loop's total rate (req/s); unset: RATE_SHARE of the two-replica throughput measured in the run. */
const FIXED_RATE = process.env.CHAOS_RATE ? Number(process.env.CHAOS_RATE) : undefined;
/**
 * 0.4: light, yet not idle. After a kill the survivor carries the whole rate and the spare that takes over
 * costs 2-3x a warm replica's CPU a request in its first seconds (Session 10), so at 40 % of the capacity
 * both still fit in the machine's cores; at the closed loop's 100 % any extra CPU is lost throughput.
 */
const RATE_SHARE = Number(process.env.CHAOS_RATE_SHARE ?? 0.4);
/** Throughput is back once every window answers at least this share of the reference. */
const BACK_SHARE = 0.8;

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
with 2 gateway replicas (${COMPARE_SECONDS} s each, ${CLIENTS} clients each sending its next request when the last
is answered: the machine's capacity), and a ${LOAD_SECONDS} s run of ${CLIENTS} clients during which one gateway replica
and one participants replica are killed (kill -9) at ${KILL_AT_SECONDS} s. Prints the figures; stops the cluster.
CHAOS_LOAD is that run's load: rate (default), a light constant load: requests sent on a fixed schedule at
CHAOS_RATE req/s in total, whatever the answers (default: CHAOS_RATE_SHARE, 0.4, of the 2-replica throughput
just measured); throughput is back once every 1 s window answers >= 80 % of that rate, and each window's
latency p50/p99 is printed. closed: the stress figure, each client sends its next request when the last is
answered (saturates the machine); back is read against the median 1 s window before the kill.
CHAOS_CLIENTS, CHAOS_SECONDS, CHAOS_KILL_AT, CHAOS_COMPARE_SECONDS, CHAOS_WARM_UP_SECONDS (3) change the settings,
CHAOS_KILL the parts killed (gateway1,participants1: HAProxy's server names; none: a control run, nothing
killed), CHAOS_HTTP how the clients send (undici, default, or fetch). The cluster's log (warnings) goes to
.data/cluster/chaos-cluster.log; CLUSTER_PORT_BASE and CLUSTER_RESTART_NICE are the cluster's (npm run cluster
-- --help). Run it alone on the machine: flock /tmp/bench.lock npm run cluster:chaos`;

interface ClusterState {
  api: string;
  pids: Record<string, number>;
  runtimeApi: RuntimeApi;
  ports: { gateways: number[]; subgraphs: Record<string, { replicas: number[] }> };
}

/** The port a part (HAProxy's server name: gateway1, participants2) listens on. */
function portOf(state: ClusterState, part: string): number {
  const [, name, index] = /^([a-z-]+?)(\d+)$/.exec(part) ?? [];
  const ports = name === "gateway" ? state.ports.gateways : state.ports.subgraphs[name]?.replicas;
  const port = ports?.[Number(index) - 1];
  if (port === undefined) throw new Error(`CHAOS_KILL: no part ${part} in this cluster`);
  return port;
}

async function waitForCluster(cluster: ChildProcess): Promise<ClusterState> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (cluster.exitCode !== null) throw new Error("npm run cluster exited before it was up");
    if (existsSync(STATE_FILE)) return JSON.parse(readFileSync(STATE_FILE, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the cluster was not up within 10 minutes");
}

async function load(
  api: string,
  seconds: number,
  planner: string,
  during?: (elapsedMs: number) => void,
  rate?: number,
): Promise<{ outcomes: Outcome[]; startedAt: number }> {
  const outcomes: Outcome[] = [];
  const startedAt = Date.now();
  const until = startedAt + seconds * 1000;
  let sent = 0;
  // Closed loop: one kept-alive connection per client, as with fetch's global agent. Open loop: as many as
  // are in flight (a request never waits for another's connection, or the load would close its loop there).
  const dispatcher = new Agent({ connections: rate ? null : CLIENTS, pipelining: 1 });
  // A body that is not JSON (HAProxy's own error page) is reported by its status, not as a parse error.
  const parsed = (text: string) => {
    try {
      return JSON.parse(text) as { errors?: { message: string }[] };
    } catch {
      return { errors: [{ message: `not JSON: ${text.slice(0, 40)}` }] };
    }
  };
  const send = async (body: string, headers: Record<string, string>) => {
    if (HTTP_CLIENT === "fetch") {
      const response = await fetch(api, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, body: parsed(await response.text()) };
    }
    const response = await request(api, {
      method: "POST",
      headers,
      body,
      dispatcher,
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: response.statusCode,
      body: parsed(await response.body.text()),
    };
  };
  // One request; in an open loop dated when it was due (its latency counts a late timer's wait too).
  const one = async (index: number, dueAt = Date.now()) => {
    const query = QUERIES[sent++ % QUERIES.length];
    const signedIn = (index + sent) % 2 === 0;
    const outcome: Outcome = { startedAt: dueAt, endedAt: 0, ok: false };
    try {
      const { status, body } = await send(JSON.stringify({ query }), {
        "content-type": "application/json",
        ...(signedIn ? { authorization: `Bearer ${planner}` } : {}),
      });
      outcome.ok = status === 200 && !body.errors;
      if (!outcome.ok) outcome.error = `HTTP ${status} ${body.errors?.[0]?.message ?? ""}`.trim();
    } catch (error) {
      const { message, cause, code } = error as Error & {
        code?: string;
        cause?: { code?: string; message?: string };
      };
      outcome.error = cause
        ? `${message} (${cause.code ?? cause.message})`
        : code
          ? `${message} (${code})`
          : message;
    }
    outcome.endedAt = Date.now();
    outcomes.push(outcome);
  };
  const closedLoopClient = async (index: number) => {
    while (Date.now() < until) await one(index);
  };
  const schedule = rate ? openLoopSchedule(rate, seconds, CLIENTS) : [];
  const ticker = during ? setInterval(() => during(Date.now() - startedAt), 50) : undefined;
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, index) =>
      rate
        ? runOpenLoopClient(schedule[index], startedAt, (dueAt) => one(index, dueAt))
        : closedLoopClient(index),
    ),
  );
  clearInterval(ticker);
  await dispatcher.close();
  return { outcomes, startedAt };
}

const answeredIn = (outcomes: Outcome[], from: number, to: number) =>
  outcomes.filter((o) => o.ok && o.endedAt >= from && o.endedAt < to).length;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * When a killed process is gone: all its threads have exited, so its sockets are closed. Its main thread
 * turns zombie before the others are done, so that alone is not gone. Polled every millisecond or two from
 * timers, never in a loop of its own: the load generator keeps sending and reading meanwhile (the kill takes
 * its processes 0.1-0.2 s to exit on a busy machine; a spinning wait stalled every client that long).
 */
async function goneAt(pid: number, timeoutMs = 1000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const zombie = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
      if (zombie && readdirSync(`/proc/${pid}/task`).length <= 1) return Date.now();
    } catch {
      return Date.now(); // reaped
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Date.now();
}

/** Whether a connection to the port is accepted (closed at once) or refused. */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/**
 * When a killed part's port stops accepting connections: until its process's file descriptors are closed
 * (after the kernel has torn down its memory), its listening socket still completes connections, which
 * then wait unanswered. Tried every millisecond or two, from timers; each accepted probe is closed at once.
 * Then when it accepts them again: its replacement (a spare taking over) listens. Tried every 10 ms.
 */
async function portRefusesAt(
  port: number,
  timeoutMs = 2000,
  reopenTimeoutMs = 12_000,
): Promise<{ refusedAt?: number; lastAcceptedAt?: number; acceptsAgainAt?: number }> {
  const start = Date.now();
  let lastAcceptedAt: number | undefined;
  let refusedAt: number | undefined;
  while (refusedAt === undefined && Date.now() < start + timeoutMs) {
    const attemptAt = Date.now();
    if (!(await accepts(port))) refusedAt = attemptAt;
    else lastAcceptedAt = attemptAt;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (refusedAt === undefined) return { lastAcceptedAt };
  while (Date.now() < start + reopenTimeoutMs) {
    const attemptAt = Date.now();
    if (await accepts(port)) return { refusedAt, lastAcceptedAt, acceptsAgainAt: attemptAt };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { refusedAt, lastAcceptedAt };
}

/** The status HAProxy gives each server of a backend (UP, DOWN, MAINT, "UP 1/2" while rising), by name. */
/** And its share while slow-starting (`throttle`, %; undefined: not slow-starting). */
async function serverStatuses(
  runtimeApi: RuntimeApi,
): Promise<Map<string, { status: string; throttle?: number }>> {
  const [header, ...rows] = (await haproxyCommand(runtimeApi, "show stat")).split("\n");
  const columns = header.replace(/^# /, "").split(",");
  const [proxy, server, status, throttle] = ["pxname", "svname", "status", "throttle"].map((c) =>
    columns.indexOf(c),
  );
  const statuses = new Map<string, { status: string; throttle?: number }>();
  for (const row of rows) {
    const fields = row.split(",");
    if (fields[server] && !["FRONTEND", "BACKEND"].includes(fields[server]))
      statuses.set(`${fields[proxy]}/${fields[server]}`, {
        status: fields[status],
        throttle: fields[throttle] ? Number(fields[throttle]) : undefined,
      });
  }
  return statuses;
}

/** Requests each gateway server has been sent so far (HAProxy's `stot`), by server name. */
async function gatewayRequestTotals(runtimeApi: RuntimeApi): Promise<Map<string, number>> {
  const [header, ...rows] = (await haproxyCommand(runtimeApi, "show stat")).split("\n");
  const columns = header.replace(/^# /, "").split(",");
  const [proxy, server, total] = ["pxname", "svname", "stot"].map((c) => columns.indexOf(c));
  const totals = new Map<string, number>();
  for (const row of rows) {
    const fields = row.split(",");
    if (fields[proxy] === "gateways" && !["FRONTEND", "BACKEND"].includes(fields[server]))
      totals.set(fields[server], Number(fields[total]));
  }
  return totals;
}

/** When HAProxy took each killed server out of rotation and put its replacement back, after the kill. */
function watchServers(runtimeApi: RuntimeApi, servers: string[]) {
  const seen = new Map<
    string,
    { downAt?: number; checkedOkAt?: number; upAgainAt?: number; slowStartAt?: number; fullAt?: number }
  >(servers.map((s) => [s, {}]));
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const now = Date.now();
      const statuses = await serverStatuses(runtimeApi).catch(
        () => new Map<string, { status: string; throttle?: number }>(),
      );
      for (const server of servers) {
        const { status, throttle } = statuses.get(server) ?? { status: "" };
        const times = seen.get(server)!;
        // A spare that took over: HAProxy raises its share from a few % over slowstart.
        if (!times.slowStartAt && throttle !== undefined) times.slowStartAt = now;
        if (times.slowStartAt && !times.fullAt && throttle === undefined && status.startsWith("UP"))
          times.fullAt = now;
        if (!times.downAt && status.startsWith("DOWN")) times.downAt = now;
        // "DOWN 1/2": the replacement passed its first health check (it answers /ready), one more to go.
        if (times.downAt && !times.checkedOkAt && /^(DOWN \d|UP)/.test(status)) times.checkedOkAt = now;
        if (times.downAt && !times.upAgainAt && status === "UP") times.upAgainAt = now;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    seen,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

async function main(): Promise<void> {
  parseCommandLine(process.argv.slice(2), {
    options: {},
    usage: USAGE,
    help: "npm run cluster:chaos -- --help",
  });
  rmSync(STATE_FILE, { force: true });
  mkdirSync(dirname(CLUSTER_LOG), { recursive: true });
  const cluster = spawn(process.execPath, [join(ROOT, "launcher", "dist", "cluster.js")], {
    // No rate limit: twenty clients from one address are the point here. Logs: warnings only.
    env: { ...process.env, RATE_LIMIT_REQUESTS: "0", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    // Its log (warnings only: HAProxy's failed or retried requests, parts restarted) goes to a file.
    stdio: ["ignore", openSync(CLUSTER_LOG, "w"), "inherit"],
  });
  const stopCluster = () =>
    new Promise<void>((resolve) => {
      if (cluster.exitCode !== null) return resolve();
      cluster.once("exit", () => resolve());
      cluster.kill("SIGINT");
    });
  try {
    const state = await waitForCluster(cluster);
    const { api, pids, runtimeApi } = state;
    const postgresDir = join(ROOT, ".data", "cluster", "postgres");
    const roots = [
      cluster.pid!,
      ...["primary", "replica"].flatMap((dir) => postmasterPid(join(postgresDir, dir)) ?? []),
    ];
    const secrets = readLocalSecrets(envString("CAKUPAN_SECRETS_FILE", LOCAL_SECRETS_FILE));
    const planner = await mintToken({ secret: secrets!.authJwtSecret, role: "planner", ttl: "1h" });
    console.log(
      `cluster up (${api}); ${CLIENTS} clients, half of the requests anonymous, half a planner's (both cached in Redis)`,
    );
    await load(api, WARM_UP_SECONDS, planner); // warm-up: connections, caches, JIT

    // 1. One gateway replica in rotation against two (the other one keeps running, idle).
    const compare = async () => {
      const before = cpuSnapshot(roots);
      const run = await load(api, COMPARE_SECONDS, planner);
      const cores = coresUsed(before, cpuSnapshot(roots));
      const rate =
        answeredIn(run.outcomes, run.startedAt, run.startedAt + COMPARE_SECONDS * 1000) / COMPARE_SECONDS;
      return { rate, cores };
    };
    await haproxyCommand(runtimeApi, "disable server gateways/gateway2");
    const one = await compare();
    await haproxyCommand(runtimeApi, "enable server gateways/gateway2");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const two = await compare();
    console.log(`throughput through HAProxy (${COMPARE_SECONDS} s each):
  1 gateway replica in rotation   ${one.rate.toFixed(0)} req/s
  2 gateway replicas              ${two.rate.toFixed(0)} req/s
  cores used, 1 replica           ${formatCores(one.cores)}
  cores used, 2 replicas          ${formatCores(two.cores)}`);
    const rate =
      LOAD_MODE === "rate"
        ? (FIXED_RATE ?? Math.max(10, Math.floor((RATE_SHARE * two.rate) / 10) * 10))
        : undefined;
    console.log(
      rate
        ? `load: open loop, ${rate} req/s in total on a fixed schedule (${FIXED_RATE ? "CHAOS_RATE" : `${RATE_SHARE} of the 2-replica throughput`}), whatever the answers`
        : "load: closed loop, each client sending its next request when the last is answered (stress: saturates the machine)",
    );

    // 2. Under the same load, kill -9 one gateway replica and one participants replica at once.
    const killed = KILL;
    const watcher = watchServers(runtimeApi, killed.map(haproxyServerOf));
    let killedAt = 0;
    let allGone: Promise<number> = Promise.resolve(0);
    let portsRefuse: Promise<Awaited<ReturnType<typeof portRefusesAt>>[]> = Promise.resolve([]);
    const notKilled: string[] = [];
    // CPU is read (all of /proc: tens of milliseconds) half a second before the kill and after it, never
    // at the kill, so that the load generator is not busy reading it just then.
    let cpuBeforeKill: ReturnType<typeof cpuSnapshot>;
    let cpuAfterKill: ReturnType<typeof cpuSnapshot>;
    const cpuAtStart = cpuSnapshot(roots);
    // Each process's CPU in every second from 2 s before the kill to 8 s after (only the cluster's own
    // processes are read, not all of /proc): which one is short of CPU, or busy, while throughput is down.
    const partNames = new Map(Object.entries(pids).map(([part, pid]) => [pid, part]));
    const perSecond: ReturnType<typeof partsSnapshot>[] = [];
    const requestsPerSecond: Promise<Map<string, number> | undefined>[] = [];
    const firstSecondAt = KILL_AT_SECONDS * 1000 - 2000;
    const run = await load(
      api,
      LOAD_SECONDS,
      planner,
      (elapsed) => {
        const second = Math.floor((elapsed - firstSecondAt) / 1000);
        if (second >= 0 && second <= 10 && perSecond.length === second) {
          perSecond.push(partsSnapshot(cluster.pid!, partNames));
          requestsPerSecond.push(gatewayRequestTotals(runtimeApi).catch(() => undefined));
        }
        if (!cpuBeforeKill && elapsed >= KILL_AT_SECONDS * 1000 - 500) cpuBeforeKill = cpuSnapshot(roots);
        else if (!killedAt && elapsed >= KILL_AT_SECONDS * 1000) {
          killedAt = Date.now();
          for (const part of killed) {
            try {
              process.kill(pids[part], "SIGKILL");
            } catch {
              notKilled.push(part); // it had exited already: something else stopped it
            }
          }
          allGone = killed.length
            ? Promise.all(killed.map((part) => goneAt(pids[part]))).then((times) => Math.max(...times))
            : Promise.resolve(killedAt);
          portsRefuse = Promise.all(killed.map((part) => portRefusesAt(portOf(state, part))));
        } else if (killedAt && !cpuAfterKill && Date.now() >= killedAt + 100)
          cpuAfterKill = cpuSnapshot(roots);
      },
      rate,
    );
    const cpuAtEnd = cpuSnapshot(roots);
    const gatewayTotals = await Promise.all(requestsPerSecond);
    const sentTo = (i: number) => {
      const [from, to] = [gatewayTotals[i], gatewayTotals[i + 1]];
      if (!from || !to) return "";
      return `; sent to ${[...to].map(([server, total]) => `${server} ${total - (from.get(server) ?? 0)}`).join(", ")}`;
    };
    await watcher.stop();
    const allGoneAt = await allGone;
    const refusals = await portsRefuse;
    const endedAt = run.startedAt + LOAD_SECONDS * 1000;

    const failed = run.outcomes.filter((o) => !o.ok);
    // In flight: sent before the killed processes were gone, and not answered before the kill.
    const inFlight = failed.filter((o) => o.startedAt <= allGoneAt && o.endedAt >= killedAt);
    // 1 s windows aligned on the kill: the baseline is the median of the whole windows before it (the
    // first two seconds of the run left out), the recovery is read from the windows after it.
    const windowsBefore: number[] = [];
    for (let to = killedAt; to - 1000 >= run.startedAt + 2000; to -= 1000)
      windowsBefore.unshift(answeredIn(run.outcomes, to - 1000, to));
    const baseline = median(windowsBefore);
    // What throughput is measured against: the offered rate in an open loop (what callers ask for), the
    // baseline in a closed loop (what the machine answered before the kill).
    const reference = rate ?? baseline;
    const threshold = BACK_SHARE * reference;
    const windowsAfter: number[] = [];
    for (let from = killedAt; from + 1000 <= endedAt; from += 1000)
      windowsAfter.push(answeredIn(run.outcomes, from, from + 1000));
    // Throughput is back at the start of the first 1 s window after the kill from which every window to
    // the end of the run answers at least 80 % of the reference (0 s: it never fell below). The same read
    // from 1 s windows sliding in 100 ms steps is stricter: a dip straddling two whole windows shows too.
    const backAfterS = backFromWindow(windowsAfter, threshold);
    const slidingAfter = Array.from({ length: Math.floor((endedAt - killedAt - 1000) / 100) + 1 }, (_, i) =>
      answeredIn(run.outcomes, killedAt + i * 100, killedAt + i * 100 + 1000),
    );
    const slidingBack = backFromWindow(slidingAfter, threshold);
    const backAfterMs = slidingBack === undefined ? undefined : slidingBack * 100;
    const latencyAfter = latencyPerWindow(run.outcomes, killedAt, windowsAfter.length);
    const before = run.outcomes.filter((o) => o.startedAt >= run.startedAt + 2000 && o.startedAt < killedAt);
    const latencyBefore = before.map((o) => o.endedAt - o.startedAt);
    const lowest = Math.min(...slidingAfter);
    // The same test before the kill: how often this machine dips below 80 % with nothing killed.
    const slidingBefore = Array.from(
      { length: Math.floor((killedAt - 1000 - (run.startedAt + 2000)) / 100) + 1 },
      (_, i) => answeredIn(run.outcomes, killedAt - 1000 - i * 100, killedAt - i * 100),
    );
    const dipsBefore = slidingBefore.filter((n) => n < threshold).length;
    const slowest = Math.max(...run.outcomes.map((o) => o.endedAt - o.startedAt));
    const errors = new Map<string, number>();
    for (const o of failed) errors.set(o.error ?? "?", (errors.get(o.error ?? "?") ?? 0) + 1);
    // Read over the two spans without a kill in them (a killed process's CPU would count as another's).
    const spans = [
      [cpuAtStart, cpuBeforeKill],
      [cpuAfterKill, cpuAtEnd],
    ] as const;
    let otherSeconds = 0;
    let spanSeconds = 0;
    for (const [from, to] of spans) {
      const other = coresUsed(from, to)?.get("other processes");
      if (other === undefined || !from || !to) continue;
      otherSeconds += (other * (to.at - from.at)) / 1000;
      spanSeconds += (to.at - from.at) / 1000;
    }
    const others = spanSeconds ? otherSeconds / spanSeconds : 0;
    // The shape of the first second: answers per 100 ms from half a second before the kill.
    const tenths = Array.from({ length: 25 }, (_, i) =>
      answeredIn(run.outcomes, killedAt - 500 + i * 100, killedAt - 400 + i * 100),
    );
    const ports = killed
      .map((part, i) => {
        const { refusedAt, lastAcceptedAt, acceptsAgainAt } = refusals[i] ?? {};
        return `${part} (${portOf(state, part)}) refuses connections ${
          refusedAt === undefined ? "not within 2 s" : `${refusedAt - killedAt} ms`
        } after the signal${lastAcceptedAt === undefined ? "" : `, still accepted them ${lastAcceptedAt - killedAt} ms after it`}${
          refusedAt === undefined
            ? ""
            : `, accepts them again (its replacement listens) ${acceptsAgainAt === undefined ? "not within 12 s" : `${acceptsAgainAt - killedAt} ms`} after it`
        }`;
      })
      .join("; ");
    const ms = (value: number | undefined) => (value === undefined ? "-" : value.toFixed(1));
    const percent = (n: number) => `${Math.round((100 * n) / reference)} %`;
    const afterKill = (at: number | undefined) =>
      at === undefined ? "not within the run" : `${((at - killedAt) / 1000).toFixed(1)} s after the kill`;
    const haproxy = [...watcher.seen]
      .map(([server, { downAt, checkedOkAt, upAgainAt, slowStartAt, fullAt }]) =>
        downAt === undefined
          ? `${server} never taken out of rotation (not 2 failed checks in a row); its replacement slow-started ${afterKill(slowStartAt)}, at its full share ${afterKill(fullAt)}`
          : `${server} down ${afterKill(downAt)}, its replacement ready ${afterKill(checkedOkAt)}, back up ${afterKill(upAgainAt)}`,
      )
      .join("; ");
    const what = killed.length
      ? `kill -9 of ${killed.map((part) => `${part} (pid ${pids[part]})`).join(" and ")} at ${KILL_AT_SECONDS} s of ${LOAD_SECONDS} s; all gone ${allGoneAt - killedAt} ms after the signal`
      : `control run: nothing killed; figures read from ${KILL_AT_SECONDS} s of ${LOAD_SECONDS} s, where the kill would be`;
    console.log(`${what} (clients: ${HTTP_CLIENT}; load: ${rate ? `open loop, ${rate} req/s offered` : "closed loop"}):
  requests            ${run.outcomes.length} sent, ${run.outcomes.length - failed.length} answered whole
  lost                ${failed.length}, of which ${inFlight.length} in flight at the kill (sent before the processes were gone, unanswered at the kill)${
    errors.size ? `\n  errors              ${[...errors].map(([e, n]) => `${n}x ${e}`).join("; ")}` : ""
  }${
    failed.length && failed.length <= 30
      ? `\n  lost, sent → failed ${failed.map((o) => `${Math.round(o.startedAt - killedAt)}→${Math.round(o.endedAt - killedAt)}`).join(" ")} ms from the kill`
      : ""
  }
  baseline            ${baseline} req/s: median of the ${windowsBefore.length} whole 1 s windows before the kill (${windowsBefore.join(" ")})${
    rate
      ? `\n  offered             ${rate} req/s (open loop); every share below is of it; 80 %: ${Math.ceil(threshold)}`
      : `; 80 %: ${Math.ceil(threshold)}`
  }
  per 100 ms          ${tenths.slice(0, 5).join(" ")} | ${tenths.slice(5).join(" ")}   (answers, from 0.5 s before the kill | from the kill)${
    killed.length ? `\n  ports               ${ports}` : ""
  }
  per second after    ${windowsAfter.map((n) => `${n} (${percent(n)})`).join(" ")}   (1 s windows from the kill)
  latency p50/p99     ${latencyAfter.map(({ p50, p99 }) => `${ms(p50)}/${ms(p99)}`).join(" ")} ms   (requests sent in each 1 s window from the kill${rate ? ", from when each was due" : ""}; before the kill ${ms(percentile(latencyBefore, 0.5))}/${ms(percentile(latencyBefore, 0.99))} ms)
  sent per second     ${latencyAfter.map(({ sent }) => sent).join(" ")}   (1 s windows from the kill)
  lowest 1 s window   ${lowest} req/s (${percent(lowest)}); slowest request ${Math.round(slowest)} ms
  before the kill     ${dipsBefore} of ${slidingBefore.length} sliding 1 s windows below 80 % of the ${rate ? "offered rate" : "baseline"} (this machine's own unevenness, nothing killed)
  throughput back     ${backAfterS === undefined ? "not within the run" : `${backAfterS} s after the kill`}${backAfterS !== undefined && backAfterS <= 5 ? " (within 5 s)" : " (NOT within 5 s)"}: from then on every 1 s window from the kill answers ≥ 80 % of the ${rate ? "offered rate" : "baseline"}; sliding by 0.1 s: ${
    backAfterMs === undefined ? "not within the run" : `${(backAfterMs / 1000).toFixed(1)} s`
  }${killed.length ? `\n  HAProxy             ${haproxy}` : ""}
  cores per second    ${perSecond
    .slice(1)
    .map(
      (snapshot, i) =>
        `\n    ${i - 2 >= 0 ? "+" : ""}${i - 2}..${i - 1} s: ${formatBusiest(coresUsed(perSecond[i], snapshot))}${sentTo(i)}`,
    )
    .join("")}
  cores before kill   ${formatCores(coresUsed(cpuAtStart, cpuBeforeKill))}
  cores after kill    ${formatCores(coresUsed(cpuAfterKill, cpuAtEnd))}${
    notKilled.length
      ? `\n  NOT KILLED          ${notKilled.join(", ")}: had exited before the kill (stopped by something else), so this run measures no kill of it`
      : ""
  }${
    others > 0.2
      ? `\n  NOT QUIET           other processes on this machine used ${others.toFixed(2)} cores during the run: these figures measure them too`
      : ""
  }`);
  } finally {
    await stopCluster();
  }
}

main().catch((error: Error) => {
  console.error(`cluster:chaos failed: ${error.message}`);
  process.exit(1);
});

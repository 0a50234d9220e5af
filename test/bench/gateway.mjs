// Gateway benchmark: five operations against our gateway (anonymous, a signed-in planner, each with and
// without the response cache), Grafbase's gateway (Rust), Hive Gateway with its Rust planner (its best
// configuration) and with its defaults, and the limit: the subgraph fetches our plan makes, sent straight
// to the subgraphs. Same subgraphs, same run; every answer's body is checked equal to ours.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import {
  dropDatabase,
  ensureDatabase,
  GATEWAY_NODE_OPTIONS,
  IDENTITY_HEADER,
  signIdentity,
  SUBGRAPH_NODE_OPTIONS,
  withDatabase,
} from "@cakupan/kit";
import { freePort, mintToken } from "@cakupan/launcher";
import { withBenchDatabase } from "./database.mjs";
import { cpuByPart, monotonicMicros } from "./profile.mjs";
import { migrateAndSeedNational, NATIONAL_SUBGRAPHS } from "./national-data.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const SUPERGRAPH = join(ROOT, "schema", "supergraph.graphql");
const COVERAGE = "activeParticipants rate target gap status";
const CONNECTIONS = 10;
const WRITE_EVERY_MS = 100;

const WRITING = `ours, a write every ${WRITE_EVERY_MS} ms`;
export const PLANNER = "ours, planner (signed in)";
export const PLANNER_UNCACHED = "ours, planner, no response cache";
const UNCACHED = "ours, no response cache";
export const GRAFBASE = "Grafbase";
export const HIVE_RUST = "Hive + Rust planner";
export const GRAFBASE_BINARY = join(
  import.meta.dirname,
  "node_modules",
  "@grafbase",
  "cli-x86_64-unknown-linux-musl",
  "grafbase",
);

/** What each operation is run against, in this order; the limit comes last. */
export const TARGETS = [
  "ours",
  PLANNER,
  PLANNER_UNCACHED,
  "ours, no response cache",
  WRITING,
  GRAFBASE,
  HIVE_RUST,
  "Hive defaults",
];
/**
 * The order the columns of an operation are measured in: TARGETS', except that on every other operation the
 * two columns asked of one process (the cached gateway's anonymous and planner columns; the uncached one's
 * planner and anonymous columns) swap. Whichever is measured first meets the process earlier in its warm-up:
 * measured always in TARGETS' order, a signed-in planner's uncached one regency and province answered 20-25 %
 * fewer requests than anonymous ones in two full runs; on fresh processes the second of the two answered more
 * whichever went first (one regency, 8 trials of 8, by 3-28 %).
 */
export function measuringOrder(operationIndex) {
  if (operationIndex % 2 === 0) return TARGETS;
  const swapped = {
    ours: PLANNER,
    [PLANNER]: "ours",
    [PLANNER_UNCACHED]: UNCACHED,
    [UNCACHED]: PLANNER_UNCACHED,
  };
  return TARGETS.map((label) => swapped[label] ?? label);
}

/** Targets that are asked as a signed-in planner (a bearer token); the peers get a planner's identity forwarded. */
const SIGNED_IN = new Set([PLANNER, PLANNER_UNCACHED]);

export const OPERATIONS = {
  "one regency's coverage": `{ regency(code: "16.06") { name coverage(asOf: "2025-07-31") { ${COVERAGE} } } }`,
  "province table (17)": `{ regencies(provinceCode: "16") { code name coverage(asOf: "2025-07-31") { ${COVERAGE} } awards { rank title } } }`,
  "national table (514)": `{ regencies { code name coverage(asOf: "2025-07-31") { ${COVERAGE} } } }`,
  "Excel batch (200 aliases)": null,
  "add-in batch, planner (100 regencies x coverage + segments)": null,
};
const ADDIN = "add-in batch, planner (100 regencies x coverage + segments)";

/** The add-in's registered lookups (excel-addin/src/graphql), each root field as the batch sends it. */
const JSK_COVERAGE = `coverage(asOf: $asOf) { asOf activeParticipants activeParticipantsStatus workforce rate target targetYear gap requiredMonthlyPace status measure inferred inference ageMonths stale notes discrepancies { field } sources { publisher title publishedOn reportedOn } }`;
const JSK_SEGMENTS = `coverage(asOf: $asOf) { asOf segments { dimension category label persons } }`;

function processReady(child, text, label) {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${output}`)), 60_000);
    // Once it is ready its output is drained unread: kept and searched, a gateway's request log lines (ours
    // writes one per request; the peers none) would cost this process, which also runs the load, more at
    // each line.
    const drained = () => {
      clearTimeout(timer);
      for (const stream of [child.stdout, child.stderr]) {
        stream.off("data", onData);
        stream.resume();
      }
      output = "";
    };
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(text)) {
        drained();
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${label} exited (${code}):\n${output}`)));
  });
}

function start(label, args, env, readyText, command = process.execPath) {
  const child = spawn(command, args, {
    env: { ...process.env, NODE_ENV: "production", APOLLO_TELEMETRY_DISABLED: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { child, ready: processReady(child, readyText, label) };
}

const peakMemoryMiB = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024);
};

async function sqlStatements(urls) {
  let total = 0;
  for (const url of urls) {
    const text = await (await fetch(url.replace("/graphql", "/metrics"))).text();
    total += Number(/cakupan_sql_statements_total\{[^}]*\} (\d+)/.exec(text)[1]);
  }
  return total;
}

/** Forwards to the subgraphs and records what a plan sends, and when, to replay it as the limit. */
async function recordingProxies(subgraphUrls) {
  const recorded = [];
  const proxies = {};
  const servers = [];
  for (const [name, target] of Object.entries(subgraphUrls)) {
    const server = createServer(async (request, response) => {
      let body = "";
      for await (const chunk of request) body += chunk;
      const started = performance.now();
      const answer = await fetch(
        target.replace("/graphql", request.url === "/graphql" ? "/graphql" : request.url),
        {
          method: request.method,
          headers: {
            "content-type": "application/json",
            ...(request.headers[IDENTITY_HEADER]
              ? { [IDENTITY_HEADER]: request.headers[IDENTITY_HEADER] }
              : {}),
          },
          body: request.method === "POST" ? body : undefined,
        },
      );
      const text = await answer.text();
      if (request.method === "POST")
        recorded.push({
          name,
          url: target,
          body,
          identity: request.headers[IDENTITY_HEADER],
          bytes: text.length,
          started,
          ended: performance.now(),
        });
      response.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      response.end(text);
    });
    const port = await freePort();
    await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
    servers.push(server);
    proxies[name] = `http://127.0.0.1:${port}/graphql`;
  }
  return {
    proxies,
    recorded,
    close: () => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))),
  };
}

/**
 * The plan's fetches as waves: a fetch sent before every fetch of the current wave had answered ran in
 * parallel with them (a Parallel node of the plan); one sent after waited for them (a Sequence).
 */
function waves(recorded) {
  const result = [];
  for (const fetch of [...recorded].sort((a, b) => a.started - b.started)) {
    const wave = result.at(-1);
    if (wave && fetch.started < Math.min(...wave.map((f) => f.ended))) wave.push(fetch);
    else result.push([fetch]);
  }
  return result;
}

/** An operation as the JSON body a client posts: a query string, or a query with its variables. */
const bodyOf = (operation) =>
  JSON.stringify(typeof operation === "string" ? { query: operation } : operation);

/** The same answer: byte for byte, else the same JSON (a peer may space or escape it otherwise). */
function sameAnswer(body, expected) {
  if (body === expected.text) return true;
  try {
    return JSON.stringify(JSON.parse(body)) === expected.normalised;
  } catch {
    return false;
  }
}

/** Where an answer departs from the expected one, with a little of each around it. */
function difference(body, expected) {
  if (!expected) return body.slice(0, 500);
  let at = 0;
  while (at < body.length && body[at] === expected[at]) at += 1;
  const from = Math.max(0, at - 120);
  return `differs at ${at}: ${body.slice(from, at + 120)} | expected: ${expected.slice(from, at + 120)}`;
}

/** `expected`: the answer every response must equal (null while a writer changes it: then no errors, data). */
async function hammer(url, operation, seconds, { headers = {}, expected = null, warmup = 0 } = {}) {
  let bad = 0;
  let firstBad;
  const request = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: bodyOf(operation),
  };
  // Unmeasured first: a process's first seconds on an operation (JIT, the young generation's growth, a first
  // plan) would otherwise count against whichever column happens to ask it first.
  if (warmup > 0) await autocannon({ url, connections: CONNECTIONS, duration: warmup, requests: [request] });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        ...request,
        onResponse: (status, body) => {
          const wrong = expected
            ? status !== 200 || !sameAnswer(body, expected)
            : status !== 200 || body.includes('"errors"') || !body.includes('"data"');
          if (wrong) {
            bad += 1;
            firstBad ??= `HTTP ${status}: ${difference(body, expected?.text)}`;
          }
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad,
    answered: result.requests.total,
    ...(firstBad ? { firstBad } : {}),
  };
}

/** Writes a coverage figure every `everyMs` by plain SQL (as any other writer would) while `work` runs. */
async function whileWriting(databaseUrl, everyMs, work) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let writes = 0;
  let running = true;
  const writer = (async () => {
    while (running) {
      await client.query(
        `UPDATE coverage_report SET active_participants = active_participants + 1 WHERE regency_code = '16.06' AND as_of = '2025-07-31'`,
      );
      writes += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  try {
    return { ...(await work()), writes };
  } finally {
    running = false;
    await writer;
    await client.end();
  }
}

const SOURCE_SELECTION =
  "id publisher title publishedOn reportedOn dateAsPrinted dateNote inferred inference link seedFile cites notes";

/** One recorded subgraph request sent again (the bench's planner identity stands in for the recorded one). */
async function sendAgain({ url, body, identity }, forwardedIdentity) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(identity ? { [IDENTITY_HEADER]: forwardedIdentity } : {}),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Its answer's text. */
const send = async (request, forwardedIdentity) => (await sendAgain(request, forwardedIdentity)).text;

/** The median time of 15 sends of a subgraph request, one after another. */
async function medianMs(request, forwardedIdentity) {
  const times = [];
  for (let i = 0; i < 15; i += 1) {
    const started = performance.now();
    await send(request, forwardedIdentity);
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[7]);
}

/**
 * The limit: the plan's recorded fetches straight to the subgraphs, wave after wave, a wave's fetches at once,
 * with no gateway work at all. Identical requests in flight at the same moment are sent once, as every gateway
 * measured here does: without that, ten callers of one query would cost the subgraphs ten times what any of
 * the gateways makes them pay, and the "limit" would be slower than the gateways it bounds.
 */
async function replay(plan, seconds, forwardedIdentity) {
  const latencies = [];
  let bad = 0;
  const until = Date.now() + seconds * 1000;
  const inFlight = new Map();
  // The recorded identity lives 60 s; the bench's planner identity stands in for it (the same caller).
  const post = async (request) => {
    const { status, text } = await sendAgain(request, forwardedIdentity);
    if (status !== 200 || text.includes('"errors"')) bad += 1;
  };
  const send = (request) => {
    const key = `${request.url}\n${request.body}`;
    if (!inFlight.has(key))
      inFlight.set(
        key,
        post(request).finally(() => inFlight.delete(key)),
      );
    return inFlight.get(key);
  };
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        for (const wave of plan) await Promise.all(wave.map(send));
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round((latencies.length / seconds) * 10) / 10,
    p50: Math.round(latencies[Math.floor(latencies.length / 2)]),
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]),
    bad,
    answered: latencies.length,
  };
}

/**
 * A folder holding grafbase.toml for the subgraphs at these URLs, each one's SDL fetched from it, the planner's
 * identity forwarded to every subgraph (also used by cpu-split.mjs).
 */
export async function grafbaseConfiguration(subgraphUrls, forwardedIdentity) {
  const dir = mkdtempSync(join(tmpdir(), "cakupan-bench-grafbase-"));
  const subgraphs = [];
  for (const [name, url] of Object.entries(subgraphUrls)) {
    const { data } = await (
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _service { sdl } }" }),
      })
    ).json();
    const sdl = data._service.sdl
      .replace(/^directive @(authenticated|requiresScopes)\b[^\n]*\n/gm, "")
      .replace(/@requiresScopes\(scopes: \[[^)]*\]\)/g, "")
      .replace(/@authenticated\b/g, "")
      .replace(/"@authenticated",\s*|,\s*"@authenticated"/g, "")
      .replace(/"@requiresScopes",\s*|,\s*"@requiresScopes"/g, "");
    writeFileSync(join(dir, `${name}.graphql`), sdl);
    subgraphs.push(`[subgraphs.${name}]\nurl = "${url}"\nschema_path = "${join(dir, `${name}.graphql`)}"\n`);
  }
  const config = [
    // The add-in's batches are larger than its default limits; ours allows them too.
    `executable_document_limit = "1MiB"\nrequest_body_limit = "4MiB"\n`,
    ...subgraphs,
    `[[headers]]\nrule = "insert"\nname = "${IDENTITY_HEADER}"\nvalue = "${forwardedIdentity}"\n`,
  ].join("\n");
  writeFileSync(join(dir, "grafbase.toml"), config);
  return dir;
}

/**
 * Grafbase's gateway over the same subgraphs: it composes them itself, from each subgraph's SDL. Without
 * @authenticated and @requiresScopes, as our gateway runs them: the subgraphs enforce who may read what on the
 * identity forwarded to them (Grafbase would otherwise refuse the planner's segments, knowing no token).
 */
async function startGrafbase(subgraphUrls, port, forwardedIdentity) {
  const dir = await grafbaseConfiguration(subgraphUrls, forwardedIdentity);
  const service = start(
    GRAFBASE,
    ["dev", "-c", join(dir, "grafbase.toml"), "-p", String(port)],
    { GRAFBASE_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "1" },
    String(port),
    GRAFBASE_BINARY,
  );
  service.child.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return service;
}

/** Until a gateway answers a query (one that reports ready before it has composed). */
export async function answering(url, headers = {}) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query: `{ regency(code: "16.06") { code } }` }),
      });
      if (response.ok && (await response.text()).includes('"16.06"')) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within a minute.`);
}

export async function gatewayBench({ quick = false, profile = !quick, log = console.log } = {}) {
  const seconds = quick ? 3 : 10;
  const warmupSeconds = quick ? 1 : 2;
  // A gateway process asked an operation for the first time is still compiling and growing its heap for many
  // seconds (measured: a fresh uncached gateway spent 2-4 ms CPU a request in its first 2 s on one regency and
  // reached its steady ~0.6-0.8 ms only after 10-14 s): the first column to ask a process an operation would
  // pay for all that follow. So every process (ours and the peers alike) is warmed this long on an operation
  // before the operation's first column (all of them first, since session 12), then each column gets
  // warmupSeconds as before.
  const firstWarmupSeconds = quick ? 2 : 12;
  // A process's very first load, on the first operation, when the subgraphs behind it are fresh too: one regency
  // uncached, the same gateway and subgraphs answered 458 req/s in their first 4 s of load, ~900 after 16-20 s,
  // and their steady ~1,150-1,400 only after 40-50 s (session 12, planner and anonymous alternating), so the
  // first operation's first column measured after 14 s met a system still warming.
  const freshWarmupSeconds = quick ? 2 : 45;
  /** The URLs of the processes that have had their first warm-up. */
  const warmedProcesses = new Set();
  const authSecret = randomBytes(32).toString("hex");
  const internalSecret = randomBytes(32).toString("hex");
  const plannerHeaders = {
    authorization: `Bearer ${await mintToken({ secret: authSecret, role: "planner", subject: "bench-planner", ttl: "2h" })}`,
  };
  const forwardedIdentity = await signIdentity(
    { subject: "bench-planner", role: "planner", regencies: [], client: { ip: null, userAgent: null } },
    internalSecret,
    3 * 3600,
  );
  return withBenchDatabase("gateway", async (_unused, server) => {
    const suffix = randomBytes(3).toString("hex");
    const definitions = NATIONAL_SUBGRAPHS;
    const databases = {};
    const children = [];
    try {
      for (const definition of definitions) {
        const name = `cakupan_bench_${suffix}_${definition.name}`;
        await ensureDatabase(server, name);
        databases[definition.name] = { name, url: withDatabase(server, name) };
        await migrateAndSeedNational(definition, databases[definition.name].url);
      }
      log("national data set: 514 regencies x 36 monthly reports, award results per province, synthetic");

      const subgraphUrls = {};
      for (const definition of definitions) {
        const port = await freePort();
        const service = start(
          definition.name,
          [join(ROOT, "subgraphs", definition.name, "dist", "main.js")],
          {
            // As npm start and the subgraphs' images run them.
            NODE_OPTIONS: SUBGRAPH_NODE_OPTIONS,
            DATABASE_URL: databases[definition.name].url,
            PORT: String(port),
            MIGRATE_ON_START: "false",
            INTERNAL_TOKEN_SECRET: internalSecret,
          },
          "ready at",
        );
        children.push(service.child);
        await service.ready;
        subgraphUrls[definition.name] = `http://127.0.0.1:${port}/graphql`;
      }
      const gatewayEnv = {
        ...Object.fromEntries(
          Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
        ),
        // As npm start and the gateway's image run it.
        NODE_OPTIONS: GATEWAY_NODE_OPTIONS,
        AUTH_JWT_SECRET: authSecret,
        INTERNAL_TOKEN_SECRET: internalSecret,
        // One client sends every request here: the per-client limit would answer most of them 429.
        RATE_LIMIT_REQUESTS: "0",
      };
      const peerEnv = { SUBGRAPH_URLS: JSON.stringify(subgraphUrls), FORWARDED_IDENTITY: forwardedIdentity };
      const targets = {};
      for (const [label, args, env] of [
        ["ours", [join(ROOT, "gateway", "dist", "main.js")], gatewayEnv],
        [
          "ours, no response cache",
          [join(ROOT, "gateway", "dist", "main.js")],
          { ...gatewayEnv, RESPONSE_CACHE: "false" },
        ],
        [HIVE_RUST, [join(import.meta.dirname, "peers.mjs"), SUPERGRAPH, "", "--rust"], peerEnv],
        ["Hive defaults", [join(import.meta.dirname, "peers.mjs"), SUPERGRAPH, ""], peerEnv],
      ]) {
        const port = await freePort();
        if (args[2] === "") args[2] = String(port);
        const service = start(
          label,
          args,
          { ...env, PORT: String(port) },
          label.startsWith("ours") ? "gateway ready" : "ready",
        );
        children.push(service.child);
        await service.ready;
        targets[label] = { url: `http://127.0.0.1:${port}/graphql`, pid: service.child.pid };
      }
      // The planner columns ask the gateways above with a planner's token.
      targets[PLANNER] = { ...targets.ours, headers: plannerHeaders };
      targets[PLANNER_UNCACHED] = { ...targets["ours, no response cache"], headers: plannerHeaders };
      {
        const port = await freePort();
        const service = await startGrafbase(subgraphUrls, port, forwardedIdentity);
        children.push(service.child);
        targets[GRAFBASE] = { url: `http://127.0.0.1:${port}/graphql`, pid: service.child.pid };
        // Ready when it answers a query; if it exits first (a configuration it refuses), say why and stop.
        const exited = service.ready.then(() => new Promise(() => {}));
        await Promise.race([answering(targets[GRAFBASE].url), exited]);
        exited.catch(() => {});
      }

      const recorder = await recordingProxies(subgraphUrls);
      const recordingPort = await freePort();
      const recordingGateway = start(
        "recording gateway",
        [join(ROOT, "gateway", "dist", "main.js")],
        {
          ...Object.fromEntries(
            Object.entries(recorder.proxies).map(([name, url]) => [
              `SUBGRAPH_${name.toUpperCase()}_URL`,
              url,
            ]),
          ),
          PORT: String(recordingPort),
          RESPONSE_CACHE: "false",
          AUTH_JWT_SECRET: authSecret,
          INTERNAL_TOKEN_SECRET: internalSecret,
        },
        "gateway ready",
      );
      children.push(recordingGateway.child);
      await recordingGateway.ready;

      const { data } = await (
        await fetch(targets.ours.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ regencies { code } }" }),
        })
      ).json();
      // In the add-in's form (excel-addin/src/functions/batcher.ts): regions and the date as variables.
      const codes = data.regencies.slice(0, 200).map((r) => r.code);
      OPERATIONS["Excel batch (200 aliases)"] = {
        query: `query JskBatch($asOf: Date!, ${codes.map((_, i) => `$c${i}: ID!`).join(", ")}) { ${codes.map((_, i) => `a${i}: regency(code: $c${i}) { coverage(asOf: $asOf) { ${COVERAGE} } }`).join(" ")} }`,
        variables: { asOf: "2025-07-31", ...Object.fromEntries(codes.map((code, i) => [`c${i}`, code])) },
      };
      // As the add-in sends a sheet of coverage and segment lookups with a planner's token pasted in.
      const addinCodes = codes.slice(0, 100);
      OPERATIONS[ADDIN] = {
        query: `query JskBatch($asOf: Date, ${addinCodes.map((_, i) => `$c${i}: ID!`).join(", ")}) { ${addinCodes
          .map(
            (_, i) =>
              `a${2 * i}: regency(code: $c${i}) { ${JSK_COVERAGE} } a${2 * i + 1}: regency(code: $c${i}) { ${JSK_SEGMENTS} }`,
          )
          .join(" ")} }`,
        variables: {
          asOf: "2025-07-31",
          ...Object.fromEntries(addinCodes.map((code, i) => [`c${i}`, code])),
        },
      };

      /**
       * Where the gateway's CPU goes on the uncached path, a planner's (the column furthest behind the peers):
       * a gateway of its own run with node --cpu-prof, each operation's load in a window of the profile.
       */
      const profileUncached = async () => {
        const dir = mkdtempSync(join(tmpdir(), "cakupan-bench-profile-"));
        try {
          const port = await freePort();
          const profiled = start(
            "profiled gateway",
            ["--cpu-prof", "--cpu-prof-dir", dir, join(ROOT, "gateway", "dist", "main.js")],
            { ...gatewayEnv, RESPONSE_CACHE: "false", PORT: String(port) },
            "gateway ready",
          );
          await profiled.ready;
          const url = `http://127.0.0.1:${port}/graphql`;
          const windows = [];
          const answered = {};
          for (const [operation, query] of Object.entries(OPERATIONS)) {
            await hammer(url, query, 1, { headers: plannerHeaders });
            const from = monotonicMicros();
            const run = await hammer(url, query, Math.ceil(seconds / 2), { headers: plannerHeaders });
            windows.push({ label: operation, from, to: monotonicMicros() });
            answered[operation] = run.answered;
          }
          // The profile is written as the process exits: one that does not within 20 s has none to give.
          const exited = new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("the profiled gateway did not exit")), 20_000);
            profiled.child.once("exit", () => resolve(clearTimeout(timer)));
          });
          profiled.child.kill("SIGTERM");
          await exited;
          const byOperation = cpuByPart(dir, windows);
          for (const [operation, cpu] of Object.entries(byOperation)) {
            cpu.requests = answered[operation];
            cpu.msPerRequest = cpu.totalMs / cpu.requests;
            log(
              `${operation}: the uncached gateway's CPU, ${cpu.msPerRequest.toFixed(2)} ms a request: ${Object.entries(
                cpu.parts,
              )
                .sort((a, b) => b[1] - a[1])
                .slice(0, 6)
                .map(([part, ms]) => `${part} ${Math.round((100 * ms) / cpu.totalMs)} %`)
                .join(", ")}`,
            );
          }
          return byOperation;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      };

      const results = [];
      for (const [operationIndex, [operation, query]] of Object.entries(OPERATIONS).entries()) {
        recorder.recorded.length = 0;
        const subgraphList = Object.values(subgraphUrls);
        const sqlBefore = await sqlStatements(subgraphList);
        // Our answer, uncached: what every target must answer (as a planner: the add-in batch needs it).
        const reference = await (
          await fetch(`http://127.0.0.1:${recordingPort}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", ...plannerHeaders },
            body: bodyOf(query),
          })
        ).text();
        const sql = (await sqlStatements(subgraphList)) - sqlBefore;
        if (reference.includes('"errors"')) throw new Error(`${operation}: ${reference.slice(0, 500)}`);
        const expected = { text: reference, normalised: JSON.stringify(JSON.parse(reference)) };
        const plan = waves(recorder.recorded);
        const fetched = {};
        for (const { name, body, bytes, started, ended } of recorder.recorded) {
          fetched[name] ??= { fetches: 0, requestBytes: 0, answerBytes: 0, ms: 0 };
          fetched[name].fetches += 1;
          fetched[name].requestBytes += body.length;
          fetched[name].answerBytes += bytes;
          fetched[name].ms += Math.round(ended - started);
        }
        // The first regencies fetch (the figures @requires carries on to participants), alone and in turn: its
        // time in regencies as planned, and as it was when every figure carried its whole source.
        const figures = recorder.recorded.find((f) => f.name === "regencies" && /source ?\{/.test(f.body));
        if (figures) {
          fetched.regencies.figuresMedianMs = await medianMs(figures, forwardedIdentity);
          const whole = {
            ...figures,
            body: figures.body.replaceAll("source{id}", `source{${SOURCE_SELECTION}}`),
          };
          whole.body = whole.body.replace(/source \{\s*id\s*\}/g, `source { ${SOURCE_SELECTION} }`);
          fetched.regencies.wholeSources = {
            medianMs: await medianMs(whole, forwardedIdentity),
            answerBytes: (await send(whole, forwardedIdentity)).length,
          };
        }
        const row = {
          operation,
          subgraphFetches: recorder.recorded.length,
          planWaves: plan.length,
          sqlStatements: sql,
          fetched,
        };
        // The add-in batch is a planner's: the anonymous columns would be refused its segments.
        const labels =
          operation === ADDIN ? TARGETS.filter((l) => SIGNED_IN.has(l) || !l.startsWith("ours")) : TARGETS;
        // Every process asked this operation is warmed on it before any of its columns is measured, not each just
        // before its own first column: the subgraphs serve every column, and they warm for a minute or more
        // (cpu-split.mjs: their CPU a fetch halves from its first 6,000 requests to its next), so columns
        // measured early (ours, always first) met younger subgraphs than the peers' columns after them.
        const warmedOnThis = new Set();
        for (const label of measuringOrder(operationIndex)) {
          if (!labels.includes(label) || label === WRITING) continue;
          const { url, headers } = targets[label];
          if (warmedOnThis.has(url)) continue;
          warmedOnThis.add(url);
          const fresh = !warmedProcesses.has(url);
          warmedProcesses.add(url);
          await hammer(url, query, fresh ? freshWarmupSeconds : firstWarmupSeconds, { headers });
        }
        for (const label of measuringOrder(operationIndex)) {
          if (!labels.includes(label)) {
            row[label] = null;
            continue;
          }
          if (label === WRITING) {
            row[label] = await whileWriting(databases.participants.url, WRITE_EVERY_MS, () =>
              hammer(targets.ours.url, query, seconds),
            );
            // The writes changed a figure: the targets after this one must answer the new one.
            const now = await (
              await fetch(targets[PLANNER_UNCACHED].url, {
                method: "POST",
                headers: { "content-type": "application/json", ...plannerHeaders },
                body: bodyOf(query),
              })
            ).text();
            Object.assign(expected, { text: now, normalised: JSON.stringify(JSON.parse(now)) });
          } else
            row[label] = await hammer(targets[label].url, query, seconds, {
              headers: targets[label].headers,
              expected,
              warmup: warmupSeconds,
            });
        }
        row.limit = await replay(plan, seconds, forwardedIdentity);
        results.push(row);
        log(
          `${operation}: ${[...TARGETS, "limit"].map((label) => `${label} ${row[label]?.rps ?? "-"}`).join(", ")} req/s`,
        );
        for (const label of [...TARGETS, "limit"])
          if (row[label]?.firstBad) log(`  ${label}, first bad answer: ${row[label].firstBad.slice(0, 300)}`);
        log(
          `  fetched: ${Object.entries(fetched)
            .map(
              ([name, f]) =>
                `${name} ${f.fetches}x, ${f.requestBytes} B sent, ${f.answerBytes} B answered, ${f.ms} ms`,
            )
            .join("; ")}`,
        );
      }
      const cpu = profile ? await profileUncached() : null;
      const memory = Object.fromEntries(
        Object.entries(targets)
          .filter(([, target]) => !target.headers)
          .map(([label, target]) => [label, peakMemoryMiB(target.pid)]),
      );
      await recorder.close();
      return {
        seconds,
        warmupSeconds,
        firstWarmupSeconds,
        freshWarmupSeconds,
        connections: CONNECTIONS,
        writeEveryMs: WRITE_EVERY_MS,
        results,
        peakMemoryMiB: memory,
        profile: cpu,
      };
    } finally {
      for (const child of children) child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const { name } of Object.values(databases)) await dropDatabase(server, name);
    }
  });
}

// Gateway benchmark: four operations against our gateway, Hive Gateway with its Rust planner (its best
// configuration) and with its defaults, and the limit: the subgraph fetches our plan makes, sent straight
// to the subgraphs. Same subgraphs, same supergraph, same run; every answer's body is checked.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { dropDatabase, ensureDatabase, knownRegencyCodes, openDataSource, withDatabase } from "@cakupan/kit";
import { freePort } from "@cakupan/launcher";
import { regenciesSubgraph, seedRegencies, silentProgress } from "@cakupan/regencies";
import { participantsSubgraph } from "@cakupan/participants";
import { awardsSubgraph } from "@cakupan/awards";
import { withBenchDatabase } from "./database.mjs";
import { seedNationalAwards, seedNationalParticipants, seedNationalRegencies } from "./national-data.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const SUPERGRAPH = join(ROOT, "schema", "supergraph.graphql");
const COVERAGE = "activeParticipants rate target gap status";
const CONNECTIONS = 10;
const WRITE_EVERY_MS = 100;

const WRITING = `ours, a write every ${WRITE_EVERY_MS} ms`;

/** What each operation is run against, in this order; the limit comes last. */
export const TARGETS = ["ours", "ours, no response cache", WRITING, "Hive + Rust planner", "Hive defaults"];

export const OPERATIONS = {
  "one regency's coverage": `{ regency(code: "16.06") { name coverage(asOf: "2025-07-31") { ${COVERAGE} } } }`,
  "province table (17)": `{ regencies(provinceCode: "16") { code name coverage(asOf: "2025-07-31") { ${COVERAGE} } awards { rank title } } }`,
  "national table (514)": `{ regencies { code name coverage(asOf: "2025-07-31") { ${COVERAGE} } } }`,
  "Excel batch (200 aliases)": null,
};

function processReady(child, text, label) {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${label} exited (${code}):\n${output}`)));
  });
}

function start(label, args, env, readyText) {
  const child = spawn(process.execPath, args, {
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
          headers: { "content-type": "application/json" },
          body: request.method === "POST" ? body : undefined,
        },
      );
      const text = await answer.text();
      if (request.method === "POST") recorded.push({ url: target, body, started, ended: performance.now() });
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

async function hammer(url, operation, seconds) {
  let bad = 0;
  let firstBad;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodyOf(operation),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"') || !body.includes('"data"')) {
            bad += 1;
            firstBad ??= `HTTP ${status}: ${body.slice(0, 500)}`;
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

/**
 * The limit: the plan's recorded fetches straight to the subgraphs, wave after wave, a wave's fetches at once,
 * with no gateway work at all. Identical requests in flight at the same moment are sent once, as every gateway
 * measured here does: without that, ten callers of one query would cost the subgraphs ten times what any of
 * the gateways makes them pay, and the "limit" would be slower than the gateways it bounds.
 */
async function replay(plan, seconds) {
  const latencies = [];
  let bad = 0;
  const until = Date.now() + seconds * 1000;
  const inFlight = new Map();
  const post = async ({ url, body }) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) bad += 1;
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

export async function gatewayBench({ quick = false, log = console.log } = {}) {
  const seconds = quick ? 3 : 10;
  return withBenchDatabase("gateway", async (_unused, server) => {
    const suffix = randomBytes(3).toString("hex");
    const definitions = [regenciesSubgraph, participantsSubgraph, awardsSubgraph];
    const databases = {};
    const children = [];
    try {
      for (const definition of definitions) {
        const name = `cakupan_bench_${suffix}_${definition.name}`;
        await ensureDatabase(server, name);
        databases[definition.name] = { name, url: withDatabase(server, name) };
        const db = await openDataSource(definition, databases[definition.name].url);
        await db.runMigrations();
        if (definition === regenciesSubgraph) {
          await seedRegencies(db, silentProgress);
          await seedNationalRegencies(db);
        } else await definition.seed(db);
        if (definition === participantsSubgraph) await seedNationalParticipants(db, [...knownRegencyCodes()]);
        if (definition === awardsSubgraph) await seedNationalAwards(db, [...knownRegencyCodes()]);
        await db.destroy();
      }
      log("national data set: 514 regencies x 36 monthly reports, award results per province, synthetic");

      const subgraphUrls = {};
      for (const definition of definitions) {
        const port = await freePort();
        const service = start(
          definition.name,
          [join(ROOT, "subgraphs", definition.name, "dist", "main.js")],
          { DATABASE_URL: databases[definition.name].url, PORT: String(port), MIGRATE_ON_START: "false" },
          "ready at",
        );
        children.push(service.child);
        await service.ready;
        subgraphUrls[definition.name] = `http://127.0.0.1:${port}/graphql`;
      }
      const gatewayEnv = Object.fromEntries(
        Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
      );
      const targets = {};
      for (const [label, args, env] of [
        ["ours", [join(ROOT, "gateway", "dist", "main.js")], gatewayEnv],
        [
          "ours, no response cache",
          [join(ROOT, "gateway", "dist", "main.js")],
          { ...gatewayEnv, RESPONSE_CACHE: "false" },
        ],
        [
          "Hive + Rust planner",
          [join(import.meta.dirname, "peers.mjs"), SUPERGRAPH, "", "--rust"],
          { SUBGRAPH_URLS: JSON.stringify(subgraphUrls) },
        ],
        [
          "Hive defaults",
          [join(import.meta.dirname, "peers.mjs"), SUPERGRAPH, ""],
          { SUBGRAPH_URLS: JSON.stringify(subgraphUrls) },
        ],
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

      const results = [];
      for (const [operation, query] of Object.entries(OPERATIONS)) {
        recorder.recorded.length = 0;
        const subgraphList = Object.values(subgraphUrls);
        const sqlBefore = await sqlStatements(subgraphList);
        await fetch(`http://127.0.0.1:${recordingPort}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: bodyOf(query),
        });
        const sql = (await sqlStatements(subgraphList)) - sqlBefore;
        const plan = waves(recorder.recorded);
        const row = {
          operation,
          subgraphFetches: recorder.recorded.length,
          planWaves: plan.length,
          sqlStatements: sql,
        };
        for (const label of TARGETS) {
          row[label] =
            label === WRITING
              ? await whileWriting(databases.participants.url, WRITE_EVERY_MS, () =>
                  hammer(targets.ours.url, query, seconds),
                )
              : await hammer(targets[label].url, query, seconds);
        }
        row.limit = await replay(plan, seconds);
        results.push(row);
        log(
          `${operation}: ${[...TARGETS, "limit"].map((label) => `${label} ${row[label].rps}`).join(", ")} req/s`,
        );
      }
      const memory = Object.fromEntries(
        Object.entries(targets).map(([label, target]) => [label, peakMemoryMiB(target.pid)]),
      );
      await recorder.close();
      return {
        seconds,
        connections: CONNECTIONS,
        writeEveryMs: WRITE_EVERY_MS,
        results,
        peakMemoryMiB: memory,
      };
    } finally {
      for (const child of children) child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const { name } of Object.values(databases)) await dropDatabase(server, name);
    }
  });
}

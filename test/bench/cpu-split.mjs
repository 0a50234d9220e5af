// CPU per request of every process on a request's path (gateway, each subgraph, their PostgreSQL backends),
// per gateway, on the bench's national data set: where a gateway's throughput goes on a 2-core machine.
// utime+stime from /proc/<pid>/stat before and after a fixed number of requests, gateways taken in turn,
// rounds alternating. Run under flock /tmp/bench.lock.
//
//   node test/bench/cpu-split.mjs [--requests 200] [--rounds 3] [--operation national|regency|province]
//     [--gateways ours,planner,grafbase,hive] [--keep] [--capture]
//
// DATABASE_URL: the PostgreSQL server (its databases cakupan_cpusplit_* are made, seeded once and kept with
// --keep); PORT_BASE: the first of 20 ports for the processes it starts (default 36000); SUBGRAPH_DIST below.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import {
  dropDatabase,
  ensureDatabase,
  GATEWAY_NODE_OPTIONS,
  signIdentity,
  SUBGRAPH_NODE_OPTIONS,
  withDatabase,
} from "@cakupan/kit";
import { mintToken } from "@cakupan/launcher";
import { answering, GRAFBASE_BINARY, grafbaseConfiguration } from "./gateway.mjs";
import { migrateAndSeedNational, NATIONAL_SUBGRAPHS } from "./national-data.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const COVERAGE = "activeParticipants rate target gap status";
const QUERIES = {
  national: `{ regencies { code name coverage(asOf: "2025-07-31") { ${COVERAGE} } } }`,
  regency: `{ regency(code: "16.06") { name coverage(asOf: "2025-07-31") { ${COVERAGE} } } }`,
  province: `{ regencies(provinceCode: "16") { code name coverage(asOf: "2025-07-31") { ${COVERAGE} } awards { rank title } } }`,
};
const arg = (name, fallback) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback;
const requests = Number(arg("requests", "200"));
const rounds = Number(arg("rounds", "3"));
const operation = arg("operation", "national");
const chosen = arg("gateways", "ours,planner,grafbase,hive").split(",");
const keep = process.argv.includes("--keep");
const capture = process.argv.includes("--capture");
const portBase = Number(process.env.PORT_BASE ?? "36000");
const server = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TICK_MS = 1000 / 100; // USER_HZ

const cpuMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
};
/** Every process under a pid (a gateway that forks workers counts them all). */
const descendants = (pid) => {
  const result = [pid];
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) result.push(...descendants(Number(child)));
  } catch {
    // gone
  }
  return result;
};

const children = [];
function start(label, command, args, env, readyText) {
  const child = spawn(command, args, {
    env: { ...process.env, NODE_ENV: "production", APOLLO_TELEMETRY_DISABLED: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(readyText)) {
        for (const s of [child.stdout, child.stderr]) {
          s.off("data", onData);
          s.resume();
        }
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${label} exited (${code}):\n${output}`)));
  });
}

const definitions = NATIONAL_SUBGRAPHS;
const databases = {};
const admin = new pg.Client({ connectionString: server });
await admin.connect();
for (const definition of definitions) {
  const name = `cakupan_cpusplit_${definition.name}`;
  const url = withDatabase(server, name);
  databases[definition.name] = { name, url };
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount > 0;
  if (exists) continue;
  await ensureDatabase(server, name);
  await migrateAndSeedNational(definition, url);
}

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

const captured = [];
/** A logging proxy before a subgraph (--capture): what each gateway sends, headers and sizes. */
async function captureProxy(name, target, port) {
  const proxy = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const headers = { ...request.headers };
    delete headers.host;
    delete headers["content-length"];
    delete headers.connection;
    const answer = await fetch(target.replace("/graphql", request.url), {
      method: request.method,
      headers,
      body: request.method === "POST" ? body : undefined,
    });
    const text = await answer.text();
    captured.push({
      name,
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
      answer: text,
    });
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "" });
    response.end(text);
  });
  await new Promise((resolve) => proxy.listen(port, "127.0.0.1", resolve));
  return proxy;
}

// SUBGRAPH_DIST='{"participants": "dist-base"}': a subgraph started from another build (a copy of its dist/
// beside it, so that it resolves the same packages): A/B of a subgraph change in the same window.
const subgraphDist = JSON.parse(process.env.SUBGRAPH_DIST ?? "{}");
const subgraphs = {};
try {
  let port = portBase;
  for (const definition of definitions) {
    port += 1;
    const child = await start(
      definition.name,
      process.execPath,
      [
        ...(process.env.SUBGRAPH_NODE_ARGS
          ? process.env.SUBGRAPH_NODE_ARGS.replaceAll("NAME", definition.name).split(" ")
          : []),
        join(ROOT, "subgraphs", definition.name, subgraphDist[definition.name] ?? "dist", "main.js"),
      ],
      {
        // As npm start, the subgraphs' images and the bench run them.
        NODE_OPTIONS: SUBGRAPH_NODE_OPTIONS,
        DATABASE_URL: databases[definition.name].url,
        PORT: String(port),
        MIGRATE_ON_START: "false",
        INTERNAL_TOKEN_SECRET: internalSecret,
      },
      "ready at",
    );
    subgraphs[definition.name] = { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid };
  }
  const proxies = [];
  const routes = {};
  for (const [name, { url }] of Object.entries(subgraphs)) {
    if (!capture) routes[name] = url;
    else {
      port += 1;
      proxies.push(await captureProxy(name, url, port));
      routes[name] = `http://127.0.0.1:${port}/graphql`;
    }
  }
  const gatewayEnv = {
    ...Object.fromEntries(Object.entries(routes).map(([n, u]) => [`SUBGRAPH_${n.toUpperCase()}_URL`, u])),
    NODE_OPTIONS: GATEWAY_NODE_OPTIONS,
    AUTH_JWT_SECRET: authSecret,
    INTERNAL_TOKEN_SECRET: internalSecret,
    RATE_LIMIT_REQUESTS: "0",
    RESPONSE_CACHE: "false",
  };
  const gateways = {};
  const ours = async (
    nodeArgs = process.env.OURS_NODE_ARGS,
    main = join(ROOT, "gateway", "dist", "main.js"),
  ) => {
    port += 1;
    const child = await start(
      "ours",
      process.execPath,
      [...(nodeArgs ? nodeArgs.split(" ") : []), main],
      { ...gatewayEnv, PORT: String(port) },
      "gateway ready",
    );
    return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid };
  };
  if (chosen.includes("ours") || chosen.includes("planner")) {
    const g = await ours();
    if (chosen.includes("ours")) gateways.ours = g;
    if (chosen.includes("planner")) gateways.planner = { ...g, headers: plannerHeaders };
  }
  // OURS_VARIANTS='{"label": {"args": "--node-flag", "main": "/path/to/gateway/dist/main.js"}}': more of ours, as
  // planners ("anonymous": true: without a token).
  for (const [label, variant] of Object.entries(JSON.parse(process.env.OURS_VARIANTS ?? "{}")))
    gateways[label] = {
      ...(await ours(variant.args, variant.main)),
      headers: variant.anonymous ? {} : plannerHeaders,
    };
  if (chosen.includes("grafbase")) {
    port += 1;
    // As the bench starts it (test/bench/gateway.mjs), on this script's port.
    const dir = await grafbaseConfiguration(routes, forwardedIdentity);
    const child = await start(
      "grafbase",
      GRAFBASE_BINARY,
      ["dev", "-c", join(dir, "grafbase.toml"), "-p", String(port)],
      { GRAFBASE_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "1" },
      String(port),
    );
    gateways.grafbase = { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid };
    await answering(gateways.grafbase.url);
  }
  if (chosen.includes("hive")) {
    port += 1;
    const child = await start(
      "hive",
      process.execPath,
      [
        join(import.meta.dirname, "peers.mjs"),
        join(ROOT, "schema", "supergraph.graphql"),
        String(port),
        "--rust",
      ],
      { SUBGRAPH_URLS: JSON.stringify(routes), FORWARDED_IDENTITY: forwardedIdentity },
      "ready",
    );
    gateways.hive = { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid };
    await answering(gateways.hive.url);
  }

  const body = JSON.stringify({ query: QUERIES[operation] });
  const reference = await (
    await fetch(Object.values(gateways)[0].url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(Object.values(gateways)[0].headers ?? {}) },
      body,
    })
  ).text();
  const normalised = JSON.stringify(JSON.parse(reference));
  // ANSWER_FILE: the answer every request is checked against, to compare builds byte for byte.
  if (process.env.ANSWER_FILE) writeFileSync(process.env.ANSWER_FILE, reference);

  if (capture) {
    for (const [label, gateway] of Object.entries(gateways)) {
      captured.length = 0;
      const text = await (
        await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(gateway.headers ?? {}) },
          body,
        })
      ).text();
      console.log(
        `\n== ${label}: answer ${text.length} B, same: ${JSON.stringify(JSON.parse(text)) === normalised}`,
      );
      for (const c of captured) {
        console.log(
          `  ${c.name} ${c.method} ${c.url} sent ${c.body.length} B, answered ${c.answer.length} B; headers ${JSON.stringify(c.headers)}`,
        );
        console.log(`    body: ${c.body.slice(0, 700)}`);
        console.log(`    answer: ${c.answer.slice(0, 300)}`);
      }
    }
  }

  const backends = async () =>
    (
      await admin.query(`SELECT pid, datname FROM pg_stat_activity WHERE datname LIKE 'cakupan_cpusplit_%'`)
    ).rows.map((r) => ({ pid: r.pid, name: r.datname.replace("cakupan_cpusplit_", "pg:") }));

  const load = async (gateway, amount) => {
    let bad = 0;
    const started = performance.now();
    const result = await autocannon({
      url: gateway.url,
      connections: 10,
      amount,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json", ...(gateway.headers ?? {}) },
          body,
          onResponse: (status, text) => {
            if (status !== 200 || (text !== reference && JSON.stringify(JSON.parse(text)) !== normalised))
              bad += 1;
          },
        },
      ],
    });
    return { seconds: (performance.now() - started) / 1000, bad, answered: result.requests.total };
  };

  /** Subgraph requests and SQL statements so far, by subgraph (its /metrics). */
  const counts = async () => {
    const result = {};
    for (const [name, { url }] of Object.entries(subgraphs)) {
      const text = await (await fetch(url.replace("/graphql", "/metrics"))).text();
      const sum = (metric) =>
        [...text.matchAll(new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\d+)`, "gm"))].reduce(
          (a, m) => a + Number(m[1]),
          0,
        );
      result[name] = {
        requests: sum("cakupan_graphql_requests_total"),
        sql: sum("cakupan_sql_statements_total"),
      };
    }
    return result;
  };
  const table = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const [label, gateway] of Object.entries(gateways)) {
      await load(gateway, Math.max(20, Math.round(requests / 5)));
      const processes = [
        { name: "gateway", pids: descendants(gateway.pid) },
        ...Object.entries(subgraphs).map(([name, s]) => ({ name, pids: [s.pid] })),
      ];
      const countsBefore = await counts();
      const pgBefore = await backends();
      const before = processes.map((p) => p.pids.reduce((sum, pid) => sum + cpuMs(pid), 0));
      const pgCpuBefore = new Map(pgBefore.map((b) => [b.pid, cpuMs(b.pid)]));
      const run = await load(gateway, requests);
      const after = processes.map((p) => p.pids.reduce((sum, pid) => sum + cpuMs(pid), 0));
      const pgAfter = await backends();
      const countsAfter = await counts();
      const row = (table[label] ??= { runs: 0, rps: [], bad: 0, ms: {}, perFetch: {} });
      row.runs += 1;
      row.rps.push(run.answered / run.seconds);
      row.bad += run.bad;
      processes.forEach((p, i) => {
        row.ms[p.name] = (row.ms[p.name] ?? 0) + (after[i] - before[i]) / run.answered;
      });
      for (const b of pgAfter) {
        const used = cpuMs(b.pid) - (pgCpuBefore.get(b.pid) ?? 0);
        row.ms[b.name] = (row.ms[b.name] ?? 0) + used / run.answered;
      }
      // A subgraph's CPU per request it answered: callers that share one computation make requests per
      // answer vary from round to round, this does not.
      processes.forEach((p, i) => {
        const answered = countsAfter[p.name] && countsAfter[p.name].requests - countsBefore[p.name].requests;
        if (answered) (row.perFetch[p.name] ??= []).push((after[i] - before[i]) / answered);
      });
      row.fetches = Object.entries(countsAfter)
        .map(
          ([name, c]) =>
            `${name} ${((c.requests - countsBefore[name].requests) / run.answered).toFixed(2)} req/${((c.sql - countsBefore[name].sql) / run.answered).toFixed(1)} sql`,
        )
        .join(", ");
      console.log(
        `round ${round + 1} ${label} (${row.fetches}): ${(run.answered / run.seconds).toFixed(1)} req/s, ${run.bad} bad, ` +
          Object.entries(processes)
            .map(([i, p]) => `${p.name} ${((after[i] - before[i]) / run.answered).toFixed(2)}`)
            .join(", ") +
          " ms/req",
      );
    }
  }
  const names = [...new Set(Object.values(table).flatMap((r) => Object.keys(r.ms)))];
  console.log(
    `\n${operation}, ${requests} requests x ${rounds} rounds, CPU ms per request (mean over rounds)`,
  );
  console.log(`| gateway | req/s (each round) | ${names.join(" | ")} | total |`);
  console.log(`|${"---|".repeat(names.length + 3)}`);
  for (const [label, row] of Object.entries(table)) {
    const ms = names.map((n) => (row.ms[n] ?? 0) / row.runs);
    console.log(
      `| ${label} | ${row.rps.map((r) => r.toFixed(1)).join(", ")}${row.bad ? ` (${row.bad} bad)` : ""} | ${ms.map((m) => m.toFixed(2)).join(" | ")} | ${ms.reduce((a, b) => a + b, 0).toFixed(2)} |`,
    );
  }
  console.log(`\nCPU ms per subgraph request (each round)`);
  for (const [label, row] of Object.entries(table))
    for (const [name, values] of Object.entries(row.perFetch))
      console.log(`${label} ${name}: ${values.map((v) => v.toFixed(2)).join(", ")}`);
  for (const p of proxies) p.close();
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (!keep) for (const { name } of Object.values(databases)) await dropDatabase(server, name);
  await admin.end();
}

// npm run bench [-- --quick] [-- --profile]: every benchmark in one run, figures and ratios side by side, written as
// Markdown and JSON under test/bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { GRAFBASE, gatewayBench, HIVE_RUST, PLANNER, PLANNER_UNCACHED, TARGETS } from "./gateway.mjs";
import { registryBench } from "./registry.mjs";

const quick = process.argv.includes("--quick");
// --only gateway|registry: one part, printed and not written (the results files always hold a whole run).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
const results = {
  date: new Date().toISOString(),
  quick,
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  gateway: null,
  registry: null,
};

console.log(`Cakupan benchmarks${quick ? " (quick)" : ""}\n`);
if (only !== "registry")
  results.gateway = await gatewayBench({
    quick,
    // A full run always profiles the uncached gateway; a quick one when asked.
    profile: !quick || process.argv.includes("--profile"),
    log: (line) => console.log(`  ${line}`),
  });
if (only !== "gateway")
  results.registry = await registryBench({ quick, log: (line) => console.log(`  ${line}`) });

const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}x` : "-");
const cell = (m) =>
  `${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.bad ? `, **${m.bad} bad answers**` : ""}${m.writes ? ` (${m.writes} writes)` : ""}`;

function gatewaySection(g) {
  const columns = [...TARGETS, "limit"];
  const throughput = g.results
    .map(
      (row) =>
        `| ${row.operation} | ${columns.map((label) => (row[label] ? cell(row[label]) : "-")).join(" | ")} |`,
    )
    .join("\n");
  const ours = [PLANNER, PLANNER_UNCACHED, "ours", "ours, no response cache", TARGETS[4]];
  const rps = (row, label) => row[label]?.rps;
  const ratios = g.results
    .map((row) => {
      const versus = (peer) =>
        ours.map((label) => (rps(row, label) ? ratio(rps(row, label), rps(row, peer)) : "-"));
      return `| ${row.operation} | ${versus(GRAFBASE).join(" | ")} | ${versus(HIVE_RUST).join(" | ")} | ${row.subgraphFetches} in ${row.planWaves} wave${row.planWaves === 1 ? "" : "s"} | ${row.sqlStatements} |`;
    })
    .join("\n");
  const fetched = g.results
    .map(
      (row) =>
        `| ${row.operation} | ${Object.entries(row.fetched)
          .map(
            ([name, f]) =>
              `${name}: ${f.fetches} fetch${f.fetches === 1 ? "" : "es"}, ${f.requestBytes.toLocaleString("en")} B sent, ${f.answerBytes.toLocaleString("en")} B answered, ${f.ms} ms` +
              (f.wholeSources
                ? ` (its figures fetch alone: ${f.figuresMedianMs} ms; with every source whole, as before: ${f.wholeSources.medianMs} ms, ${f.wholeSources.answerBytes.toLocaleString("en")} B)`
                : ""),
          )
          .join("; ")} |`,
    )
    .join("\n");
  const [cached, , , uncached, writing] = TARGETS;
  return `## Gateway (${g.connections} connections, ${g.seconds} s per run after ${g.warmupSeconds ?? 0} s unmeasured${g.firstWarmupSeconds ? ` (every process warmed on an operation before its first run: ${g.freshWarmupSeconds ? `${g.freshWarmupSeconds} s on the first operation, ` : ""}${g.firstWarmupSeconds} s on each later one; the two runs asked of one process measured in alternating order from operation to operation)` : ""}, national data set: 514 regencies x 36 monthly reports and award results, synthetic)

| operation | ${columns.join(" | ")} |
|${"---|".repeat(columns.length + 1)}
${throughput}

| operation | ${ours.map((label) => `req/s vs ${GRAFBASE}: ${label}`).join(" | ")} | ${ours.map((label) => `vs ${HIVE_RUST}: ${label}`).join(" | ")} | subgraph fetches | SQL statements |
|${"---|".repeat(2 * ours.length + 3)}
${ratios}

| operation | what our plan fetches from each subgraph (one uncached request; time as the gateway waited for it) |
|---|---|
${fetched}

- *${cached}*: anonymous, answers to repeated queries from the response cache, checked against every subgraph's data
  version (pushed to the gateway on every change); *${PLANNER}*: the same with a planner's bearer token (verified once,
  then remembered until it expires, at most 5 minutes; planners share
  one entry); *no response cache*: every request planned and fetched; *${writing}*: the cached gateway while a coverage
  figure is updated by plain SQL every ${g.writeEveryMs} ms, each write ending every kept answer. ${uncached} is anonymous.
- *${GRAFBASE}* and the Hive columns get a planner's identity forwarded to every subgraph (the add-in batch's segments
  need it); every answer of every column but *${writing}* is checked equal to ours (bad answers are counted).
- *limit*: the subgraph requests our plan makes, sent straight to the subgraphs, wave after wave (a wave's requests at
  once), ${g.connections} callers at a time, identical requests in flight sent once (as every gateway here does); no
  gateway work at all.
- Peak memory (VmHWM): ${Object.entries(g.peakMemoryMiB)
    .map(([label, mib]) => `${label} ${mib} MiB`)
    .join(", ")}.
${g.profile ? profileSection(g.profile, g.seconds) : ""}`;
}

/** Where the uncached gateway's CPU goes, by operation: the parts of the path a request takes (profile.mjs). */
function profileSection(profile, seconds) {
  const rows = Object.entries(profile)
    .map(([operation, cpu]) => {
      const parts = Object.entries(cpu.parts)
        .sort((a, b) => b[1] - a[1])
        .map(([part, ms]) => `${part} ${((100 * ms) / cpu.totalMs).toFixed(0)} %`)
        .join(", ");
      const functions = Object.entries(cpu.functions)
        .map(([where, ms]) => `\`${where}\` ${((100 * ms) / cpu.totalMs).toFixed(1)} %`)
        .join(", ");
      return `| ${operation} | ${cpu.msPerRequest.toFixed(2)} ms | ${parts} | ${functions} |`;
    })
    .join("\n");
  return `
### Where the uncached gateway's CPU goes (a planner's requests, no response cache)

A gateway of its own run with \`node --cpu-prof\` (1 ms samples) under the same load, ${Math.ceil(seconds / 2)} s per operation;
each sample's own time is given to the part of the path its function belongs to (test/bench/profile.mjs). The
profiler adds a little to every figure; CPU per request is the gateway process's alone (subgraphs apart).

| operation | gateway CPU per request | its parts, largest first | the functions with most own time (builtins such as JSON.parse count in their caller) |
|---|---|---|---|
${rows}
`;
}

function registrySection(r) {
  return `## Participant registry

| measure | value | limit / target | ratio |
|---|---|---|---|
| import (read a file, parse, validate, encrypt, hash, upsert), ${r.importRows.toLocaleString("en")} rows | ${r.importRowsPerSecond.toLocaleString("en")} rows/s | COPY of the same prepared rows: ${r.copyRowsPerSecond.toLocaleString("en")} rows/s (${r.copyBaseline}) | ${r.importToCopyRatio} of COPY (target ≥ 0.333) |
| import's peak memory (VmHWM of the importing process) | ${r.importPeakMemoryMiB ?? "-"} MiB | - | - |
| registry aggregates over ${r.aggregateParticipants.toLocaleString("en")} participants | p50 ${r.aggregateP50Ms} ms, max ${r.aggregateMaxMs} ms | 100 ms | ${(r.aggregateP50Ms / 100).toFixed(2)} of the target |
`;
}

const markdown = [
  `# Benchmark results\n\n${results.date}, ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}${quick ? ", quick run" : ""}.\n`,
  results.gateway && gatewaySection(results.gateway),
  results.registry && registrySection(results.registry),
]
  .filter(Boolean)
  .join("\n");
console.log(`\n${markdown}`);
if (!only) {
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, quick ? "latest-quick.md" : "latest.md"), markdown);
  writeFileSync(
    join(dir, quick ? "latest-quick.json" : "latest.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
}

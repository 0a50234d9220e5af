// npm run bench [-- --quick]: every benchmark in one run, figures and ratios side by side, written as
// Markdown and JSON under test/bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { gatewayBench } from "./gateway.mjs";
import { registryBench } from "./registry.mjs";

const quick = process.argv.includes("--quick");
const results = { date: new Date().toISOString(), quick, machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, gateway: null, registry: null };

console.log(`Cakupan benchmarks${quick ? " (quick)" : ""}\n`);
results.gateway = await gatewayBench({ quick, log: (line) => console.log(`  ${line}`) });
results.registry = await registryBench({ quick, log: (line) => console.log(`  ${line}`) });
const g = results.gateway;
const ratio = (a, b) => (b ? (a / b).toFixed(2) : "-");
const gatewayRows = g.results
  .map((row) => {
    const ours = row.ours;
    const cell = (m) => `${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.bad ? `, ${m.bad} bad answers` : ""}`;
    return `| ${row.operation} | ${cell(ours)} | ${cell(row["Hive + Rust planner"])} | ${cell(row["Hive defaults"])} | ${cell(row.limit)} | ${ratio(ours.rps, row["Hive + Rust planner"].rps)}x / ${ratio(ours.rps, row["Hive defaults"].rps)}x | ${ratio(ours.p50, row.limit.p50)}x | ${row.subgraphFetches} | ${row.sqlStatements} |`;
  })
  .join("\n");
const r = results.registry;
const markdown = `# Benchmark results

${results.date}, ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}${quick ? ", quick run" : ""}.

## Gateway (${g.connections} connections, ${g.seconds} s per run, national data set: 514 regencies x 36 monthly reports, synthetic)

| operation | ours | Hive + Rust planner | Hive defaults | limit (our plan's subgraph fetches, sent directly, in sequence) | ours vs Hive best / defaults (req/s) | ours p50 vs limit p50 | subgraph fetches | SQL statements |
|---|---|---|---|---|---|---|---|---|
${gatewayRows}

Peak memory (VmHWM): ours ${g.peakMemoryMiB.ours} MiB, Hive + Rust ${g.peakMemoryMiB["Hive + Rust planner"]} MiB, Hive defaults ${g.peakMemoryMiB["Hive defaults"]} MiB.
Our gateway answers repeated anonymous queries from its response cache, checked against every subgraph's data version on each request.

## Participant registry

| measure | value | limit / target | ratio |
|---|---|---|---|
| import (parse, validate, encrypt, hash, upsert), ${r.importRows.toLocaleString("en")} rows | ${r.importRowsPerSecond.toLocaleString("en")} rows/s | COPY of the same prepared rows: ${r.copyRowsPerSecond.toLocaleString("en")} rows/s | ${r.importToCopyRatio} of COPY (target ≥ 0.333) |
| registry aggregates over ${r.aggregateParticipants.toLocaleString("en")} participants | p50 ${r.aggregateP50Ms} ms, max ${r.aggregateMaxMs} ms | 100 ms | ${(r.aggregateP50Ms / 100).toFixed(2)} of the target |
`;
console.log(`\n${markdown}`);
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, quick ? "latest-quick.md" : "latest.md"), markdown);
writeFileSync(join(dir, quick ? "latest-quick.json" : "latest.json"), `${JSON.stringify(results, null, 2)}\n`);

// npm run bench [-- --quick]: every benchmark in one run, figures and ratios side by side, written as
// Markdown and JSON under test/bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { registryBench } from "./registry.mjs";

const quick = process.argv.includes("--quick");
const results = { date: new Date().toISOString(), quick, machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, registry: null };

console.log(`Cakupan benchmarks${quick ? " (quick)" : ""}\n`);
results.registry = await registryBench({ quick, log: (line) => console.log(`  ${line}`) });
const r = results.registry;
const markdown = `# Benchmark results

${results.date}, ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}${quick ? ", quick run" : ""}.

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

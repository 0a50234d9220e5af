// node test/bench/hostile-input.mjs --gateway http://127.0.0.1:5100/graphql --token <operator token of 16.06>
//   [--participants-port 5102] [--junk-mb 10] [--search-mb 2]
// What hostile input costs a running stack: peak RSS of the gateway and the participants subgraph during a
// dry-run import of a junk CSV (every row wrong), and how long a refused multi-megabyte search takes.
// Run it against a stack started with LIMIT_MAX_BODY_BYTES above the junk file's size (the default 2 MB
// refuses a 10 MB file at once, which is the point of the limit but measures nothing).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    gateway: { type: "string" },
    token: { type: "string" },
    "participants-port": { type: "string", default: "" },
    "junk-mb": { type: "string", default: "10" },
    "search-mb": { type: "string", default: "2" },
  },
});
if (!args.gateway || !args.token) throw new Error("usage: --gateway <url> --token <operator token of 16.06>");
const gatewayPort = new URL(args.gateway).port;
const participantsPort = args["participants-port"] || String(Number(gatewayPort) + 2);

/** The process listening on a port (ss -ltnp). */
function pidOn(port) {
  const line = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(line);
  if (!match) throw new Error(`nothing listens on port ${port}`);
  return Number(match[1]);
}
const rssMiB = (pid) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024);

/** Runs work while sampling the RSS of each process every 20 ms: before, peak during, after. */
async function sampled(pids, work) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
  const peak = { ...before };
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) peak[name] = Math.max(peak[name], rssMiB(pid));
  }, 20);
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  clearInterval(timer);
  const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
  return { result, ms, before, peak, after };
}

const post = async (body) => {
  const response = await fetch(args.gateway, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${args.token}` },
    body,
  });
  const text = await response.text();
  return { status: response.status, bytes: text.length, text };
};

const pids = { gateway: pidOn(gatewayPort), participants: pidOn(participantsPort) };
const header = "nik,nama,kode_desa,pekerjaan,program,sumber_dana,iuran,tanggal_daftar";
const rows = [];
let size = header.length;
for (let i = 0; size < Number(args["junk-mb"]) * 1024 * 1024; i++) {
  const row = `junk${i},${"x".repeat(20)},desa${i},pekerjaan,program,dana,iuran,tanggal`;
  rows.push(row);
  size += row.length + 1;
}
const csv = [header, ...rows].join("\n");
const query = `mutation($csv: String!) { importParticipants(regencyCode: "16.06", csv: $csv, dryRun: true) {
  rows valid problems { line column message } } }`;
const junk = await sampled(pids, () => post(JSON.stringify({ query, variables: { csv } })));
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
console.log(
  `dry-run import of a ${mb(csv.length)} MB junk CSV (${rows.length.toLocaleString("en")} rows): ` +
    `HTTP ${junk.result.status}, ${mb(junk.result.bytes)} MB answer in ${junk.ms} ms`,
);
for (const name of Object.keys(pids))
  console.log(
    `  ${name}: RSS ${junk.before[name]} MiB before, peak ${junk.peak[name]} MiB, ${junk.after[name]} MiB after`,
  );

const search = "muba ".repeat(Math.floor((Number(args["search-mb"]) * 1024 * 1024) / 5) - 20);
const searched = await sampled(pids, () =>
  post(
    JSON.stringify({
      query: `query($s: String) { regencies(search: $s) { code } }`,
      variables: { s: search },
    }),
  ),
);
const answer = JSON.parse(searched.result.text);
const outcome = answer.errors?.[0]?.message?.slice(0, 120) ?? `${answer.data?.regencies?.length} regencies`;
console.log(
  `a ${mb(search.length)} MB search: HTTP ${searched.result.status} in ${searched.ms} ms: ${outcome}`,
);

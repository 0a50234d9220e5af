// Where a gateway's CPU goes under load: a V8 CPU profile (node --cpu-prof) cut into the windows the load ran
// in, each sample's own time given to the part of the stack its function belongs to.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The load's windows are taken on the same clock as V8's sample times (CLOCK_MONOTONIC, microseconds). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

const PARTS = [
  // The parts of a request's path, in the order a request meets them. A function belongs to the first part
  // whose test matches its script; functions with no script are V8's or the kernel's.
  [
    "HTTP in and out (node:http, Express, body parsing, CORS)",
    (url) =>
      /^node:(_http_|http$|net$)|node_modules\/(express|router|body-parser|raw-body|type-is|negotiator|mime-types|mime-db|whatwg-mimetype|cors|content-type|on-finished|finalhandler|etag|fresh|send|accepts|vary|@as-integrations|iconv-lite|media-typer|statuses|http-errors|depd|qs|cookie)\//.test(
        url,
      ),
  ],
  [
    "Apollo Server's request pipeline",
    (url) => /node_modules\/(@apollo\/server|@apollo\/utils\.[^/]+|@escape\.tech)\//.test(url),
  ],
  ["graphql-js (parse, validate, values)", (url) => /node_modules\/graphql\//.test(url)],
  ["query planning", (url) => /node_modules\/@apollo\/(query-planner|query-graphs)\//.test(url)],
  ["@apollo/gateway's executor", (url) => /node_modules\/@apollo\/gateway\//.test(url)],
  [
    "federation-internals (operations, selections)",
    (url) => /node_modules\/@apollo\/federation-internals\//.test(url),
  ],
  ["subgraph HTTP client (undici)", (url) => /node_modules\/undici\/|^node:internal\/deps\/undici/.test(url)],
  [
    "request log (pino)",
    (url) => /node_modules\/(pino|pino-http|pino-std-serializers|sonic-boom|thread-stream)\//.test(url),
  ],
  [
    "metrics and tracing",
    (url) => /node_modules\/(prom-client|@opentelemetry\/[^/]+|tdigest|bintrees)\//.test(url),
  ],
  ["our code (gateway, core, observability)", (url) => /\/(gateway|core|observability)\/dist\//.test(url)],
  ["other libraries", (url) => /node_modules\//.test(url)],
  ["Node internals (streams, events, timers, promises)", (url) => url.startsWith("node:")],
];
const SOCKET_WRITES = "kernel: socket writes";
const GC = "garbage collection";
const JSON_PART = "JSON parse and stringify (V8)";
const NATIVE = "other native (V8, libuv, syscalls)";

function partOf({ functionName, url }) {
  if (!url) {
    if (functionName === "(garbage collector)") return GC;
    if (
      /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString|writeUcs2String)$/.test(
        functionName,
      )
    )
      return SOCKET_WRITES;
    if (functionName === "parse" || functionName === "stringify") return JSON_PART;
    return NATIVE;
  }
  for (const [name, test] of PARTS) if (test(url)) return name;
  return "other scripts";
}

/**
 * The CPU time of each window, by part, in milliseconds (idle samples left out). `windows`: { label, from, to }
 * in monotonicMicros(). The profile is the one file node --cpu-prof wrote in `dir` on exit.
 */
export function cpuByPart(dir, windows) {
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no CPU profile was written in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const parts = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byWindow = Object.fromEntries(
    windows.map(({ label }) => [label, { totalMs: 0, parts: {}, functions: {} }]),
  );
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index];
    at += delta;
    const frame = parts.get(id);
    if (frame.functionName === "(idle)") return;
    const window = windows.find(({ from, to }) => at >= from && at <= to);
    if (!window) return;
    const part = partOf(frame);
    const entry = byWindow[window.label];
    entry.totalMs += delta / 1000;
    entry.parts[part] = (entry.parts[part] ?? 0) + delta / 1000;
    const where = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*\/node_modules\//, "").replace(/^.*\/work\/[^/]+\//, "")}:${frame.lineNumber + 1}`;
    entry.functions[where] = (entry.functions[where] ?? 0) + delta / 1000;
  });
  // The functions with the most own time: builtins (JSON.parse, Map lookups) count in the function calling them.
  for (const entry of Object.values(byWindow))
    entry.functions = Object.fromEntries(
      Object.entries(entry.functions)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8),
    );
  return byWindow;
}

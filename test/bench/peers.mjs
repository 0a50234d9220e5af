// A peer gateway for the benchmark, in its own process: Hive Gateway over the same supergraph and
// subgraphs. --rust: its Rust query planner (the best configuration); without: its defaults.
// FORWARDED_IDENTITY: a signed identity sent to every subgraph, as our gateway forwards a caller's.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";

const [supergraphPath, port, ...flags] = process.argv.slice(2);
const overrides = JSON.parse(process.env.SUBGRAPH_URLS ?? "{}");
let supergraph = readFileSync(supergraphPath, "utf8");
for (const [name, url] of Object.entries(overrides)) {
  supergraph = supergraph.replace(new RegExp(`(join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
}
const options = { supergraph, logging: false };
// The identity every subgraph request carries (the bench's planner), as our gateway forwards a verified one.
if (process.env.FORWARDED_IDENTITY)
  options.propagateHeaders = {
    fromClientToSubgraphs: () => ({ "x-cakupan-identity": process.env.FORWARDED_IDENTITY }),
  };
if (flags.includes("--rust"))
  options.unifiedGraphHandler = (await import("@graphql-hive/router-runtime")).unifiedGraphHandler;
const runtime = createGatewayRuntime(options);
createServer(runtime).listen(Number(port), "127.0.0.1", () => console.log("ready"));
// The runtime's own SIGTERM handling disposes of it but leaves the server open: the bench would wait forever.
process.once("SIGTERM", () => process.exit(0));

import { readFileSync } from "node:fs";
import { portIsFree } from "@cakupan/launcher";

/**
 * Ports for processes a test starts that bind later than the port is chosen (a whole stack, a supervisor's
 * parts, PostgreSQL, Redis). A port merely seen free in the kernel's ephemeral range is not reserved: until
 * the process binds it, any server of another test file listening on port 0, or any outgoing connection,
 * may take it — CI once saw the npm-start stack's regencies port answered by another test's subgraph.
 * These ports lie below that range, where neither bind(0) nor connect() ever draws, and each vitest
 * worker has a block of its own, so two test files never choose the same one.
 */
const BLOCK = 1_000;
const LOWEST = 10_000;

function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
  } catch {
    return 32_768;
  }
}

const blocks = Math.max(1, Math.floor((ephemeralRangeStart() - LOWEST) / BLOCK));
const worker = Number(process.env.VITEST_POOL_ID ?? process.pid);
const blockStart = LOWEST + ((worker - 1) % blocks) * BLOCK;
// A random start within the block: the previous test file of this worker may still be releasing its ports.
let offset = Math.floor(Math.random() * BLOCK);

/** A port of this worker's block that nothing listens on now. */
export async function testPort(): Promise<number> {
  for (let tried = 0; tried < BLOCK; tried++) {
    const port = blockStart + (offset++ % BLOCK);
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port in ${blockStart}-${blockStart + BLOCK - 1} for test worker ${worker}`);
}

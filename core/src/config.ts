/** Configuration comes from environment variables with safe local defaults; a bad value stops start-up with a message that says how to fix it. */

export function envPort(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `${name}=${raw} is not a port: use a whole number from 1 to 65535 (0 picks a free one), or unset it for ${fallback}.`,
    );
  }
  return port;
}

export function envFlag(name: string, fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new Error(
    `${name}=${env[name]} is not a yes/no value: use true or false, or unset it for ${fallback}.`,
  );
}

export function envString(name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = env[name];
  return raw === undefined || raw === "" ? fallback : raw;
}

/** A positive whole number (a count, milliseconds), or undefined when unset so the caller's default applies. */
export function envPositive(name: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name}=${raw} is not a positive whole number: fix it, or unset it for the default.`);
  return value;
}

/**
 * NODE_OPTIONS the gateway runs with (npm start, its Dockerfile, the benchmark): a young generation of 64 MB
 * semi-spaces instead of V8's 16. An uncached answer holds its subgraphs' parsed answers and the executor's
 * copies for as long as its fetches take, so small semi-spaces copy the same live objects scavenge after
 * scavenge; measured under the national table and Excel batch loads: 30 % less scavenging, 15 % less gateway
 * CPU a request, for up to 150 MB more memory under load.
 */
export const GATEWAY_NODE_OPTIONS = "--max-semi-space-size=64";

/**
 * NODE_OPTIONS a subgraph runs with (npm start, its Dockerfile, the benchmark), for the same reason: a national
 * fetch hydrates ~1,000-2,000 rows and builds an answer of as many objects, all live until it is sent, so 16 MB
 * semi-spaces copy them scavenge after scavenge (garbage collection was a quarter of each subgraph's CPU).
 */
export const SUBGRAPH_NODE_OPTIONS = "--max-semi-space-size=64";

/** A service's own NODE_OPTIONS after the ones its launcher was given (npm start, npm run cluster). */
export function withInheritedNodeOptions(own: string, inherited = process.env.NODE_OPTIONS): string {
  return [inherited, own].filter(Boolean).join(" ");
}

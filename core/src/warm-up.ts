import { Kind, parse, type TypeNode } from "graphql";

/**
 * A spare's warm-up (see lifecycle.ts's listen): before it stands by, a spare serves on a private loopback
 * port the requests it will serve once it takes over, so that V8 has optimized its request path by then. A
 * process fresh from boot answered at about half the rate of one that had served for 30 s (README, Scaling
 * out), and 2,000 requests of one trivial query did not change that: it takes the real mix, thousands of times.
 */

/** Set by the supervisor on a spare that is to warm up before it stands by (`1`); else no warm-up. */
export const WARM_UP_ENV = "CAKUPAN_WARM_UP";
/**
 * A bearer token the warm-up sends with half of its requests, so that a signed-in caller's path (token
 * verification, its cache keys) is warm too. Minted by the supervisor when it starts the spare: short-lived.
 */
export const WARM_UP_TOKEN_ENV = "CAKUPAN_WARM_UP_TOKEN";

/** One request of a warm-up: a GraphQL POST body and its headers. */
export interface WarmUpRequest {
  body: string;
  headers: Record<string, string>;
}

/** Where the warming process listens, and what to send it with. */
export interface WarmUpTarget {
  /** The process's GraphQL endpoint on its private port. */
  url: string;
  /** WARM_UP_TOKEN_ENV's token, if the supervisor gave one. */
  bearer?: string;
  /** Aborted when the spare is told to serve before its warm-up is done: it then stops at once. */
  signal: AbortSignal;
}

/** What a service sends itself to warm up (lifecycle.ts's listen calls it with its private address). */
export type WarmUp = (target: WarmUpTarget) => Promise<WarmUpResult>;

export interface WarmUpResult {
  sent: number;
  /** Requests answered with a status other than 200, or not answered: a warm-up is not a test, only counted. */
  failed: number;
}

/** An operation of a persisted-operation manifest (apollo-persisted-query-manifest). */
export interface ManifestOperation {
  name: string;
  type: string;
  body: string;
}

/**
 * The requests of a warm-up from our clients' persisted operations: every query (mutations never, they would
 * write), by its text, each anonymously and, with a bearer token, signed in. A required variable takes its
 * value from `samples` by name; a query with a required variable no sample names is left out (it could only
 * be refused). Optional variables are left unset, as clients mostly do.
 */
export function warmUpRequestsOf(
  operations: ManifestOperation[],
  samples: Record<string, unknown>,
  bearer?: string,
  headers: Record<string, string> = {},
): WarmUpRequest[] {
  const requests: WarmUpRequest[] = [];
  const json = { ...headers, "content-type": "application/json" };
  for (const operation of operations) {
    if (operation.type !== "query") continue;
    const variables = requiredVariables(operation.body);
    if (!variables || variables.some((name) => !(name in samples))) continue;
    const body = JSON.stringify({
      query: operation.body,
      operationName: operation.name,
      variables: Object.fromEntries(variables.map((name) => [name, samples[name]])),
    });
    requests.push({ body, headers: json });
    if (bearer) requests.push({ body, headers: { ...json, authorization: `Bearer ${bearer}` } });
  }
  return requests;
}

/** The names of an operation's variables that must be given (non-null, no default); undefined: not parsable. */
function requiredVariables(document: string): string[] | undefined {
  try {
    const definition = parse(document).definitions.find((node) => node.kind === Kind.OPERATION_DEFINITION);
    if (definition?.kind !== Kind.OPERATION_DEFINITION) return undefined;
    return (definition.variableDefinitions ?? [])
      .filter((variable) => isNonNull(variable.type) && !variable.defaultValue)
      .map((variable) => variable.variable.name.value);
  } catch {
    return undefined;
  }
}

const isNonNull = (type: TypeNode) => type.kind === Kind.NON_NULL_TYPE;

/**
 * Sends `total` requests, cycling through `requests`, `concurrency` at a time (each sender its next request
 * when the last is answered, as the cluster's load does); stops early, after the requests in flight, when
 * `signal` is aborted.
 */
export async function sendWarmUp(
  url: string,
  requests: WarmUpRequest[],
  options: { total: number; concurrency: number; signal: AbortSignal },
): Promise<WarmUpResult> {
  const result: WarmUpResult = { sent: 0, failed: 0 };
  if (!requests.length) return result;
  let next = 0;
  const sender = async () => {
    while (next < options.total && !options.signal.aborted) {
      const { body, headers } = requests[next++ % requests.length];
      result.sent++;
      try {
        // The signal is checked between requests, not given to fetch: each fetch would add a listener to it
        // that lives on after the request (undici), thousands of them over a warm-up.
        const response = await fetch(url, { method: "POST", headers, body });
        // Read whole: the answer's serialisation and writing are part of what warms up.
        await response.arrayBuffer();
        if (response.status !== 200) result.failed++;
      } catch {
        result.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  return result;
}

/**
 * A service's warm-up from its persisted operations: WARM_UP_REQUESTS requests of their mix (half of them
 * signed in when the supervisor gave a token), 8 at a time; `headers` go with every one (what a load balancer
 * adds, such as X-Forwarded-For).
 */
export function persistedOperationsWarmUp(
  operations: ManifestOperation[],
  samples: Record<string, unknown>,
  options: { total?: number; headers?: Record<string, string> } = {},
): WarmUp {
  return ({ url, bearer, signal }) =>
    sendWarmUp(url, warmUpRequestsOf(operations, samples, bearer, options.headers), {
      total: options.total ?? WARM_UP_REQUESTS,
      concurrency: 8,
      signal,
    });
}

/** How many requests a spare gateway sends itself (a warm replica has served tens of thousands). */
export const WARM_UP_REQUESTS = 8000;

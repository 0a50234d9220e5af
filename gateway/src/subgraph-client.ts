// The module, not its functions: OpenTelemetry (telemetry.ts) replaces http.request on it to trace each fetch.
import http from "node:http";
import { IDENTITY_HEADER, READ_AFTER_HEADER } from "@cakupan/core";
import type { OperationKind } from "./operation-kind";

/** A subgraph's answer as received, its body as text (callers read it through SharedAnswer's json()). */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  text: string;
}

export type Send = (
  url: string,
  headers: Record<string, string>,
  body: string,
  /** The body's operation, parsed (operationKind): only a query may share another's answer. */
  kind: OperationKind,
  signal?: AbortSignal,
) => Promise<SubgraphAnswer>;

/**
 * POSTs to subgraphs over kept-alive connections (node:http's Agent). @apollo/gateway's default fetcher
 * (make-fetch-happen over node-fetch) copies every request body once more and costs more per request than the
 * subgraph's own answer on small fetches.
 *
 * Not undici: since its fix for GHSA-35p6-xmwp-9g52 it writes a request on a reused idle keep-alive socket only
 * in the event loop's check phase, after every other callback of that turn. Under concurrent load that turn
 * holds the other callers' requests: a subgraph fetch then leaves only once the gateway has done all their work,
 * and the subgraph idles meanwhile. node:http writes it within the turn (its next tick), so the subgraph answers
 * while the gateway works on the others: a planner's uncached one regency answered 34 % more requests, a
 * province 15 % more (8 alternating rounds each). What the fix guards against, an upstream sending bytes no
 * request asked for onto an idle connection, would be a subgraph of ours misbehaving; node:http drops what
 * arrives on a socket in its free list (test/subgraph-client.test.ts).
 */
export function httpSend(timeoutMs: number): Send {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });
  return (url, headers, body, _kind, signal) =>
    new Promise((resolve, reject) => {
      const { hostname, port, pathname, search } = new URL(url);
      const request = http.request(
        {
          agent,
          host: hostname,
          port,
          path: pathname + search,
          method: "POST",
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
          signal: signal ?? AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const flat: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers))
              if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
            const status = response.statusCode ?? 0;
            resolve({
              status,
              statusText: response.statusMessage || http.STATUS_CODES[status] || "",
              headers: flat,
              text: Buffer.concat(chunks).toString("utf8"),
            });
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });
}

/** An idle kept-alive connection is closed after this long (the subgraphs keep theirs 65 s). */
const IDLE_SOCKET_MS = 30_000;

export interface InFlightStats {
  sent: number;
  merged: number;
}

/** A subgraph's answer as its callers read it. */
export interface SharedAnswer extends SubgraphAnswer {
  /**
   * The body, parsed once, when first asked: one tree that every caller merged into the same request reads,
   * so no caller may write into it (the gateway's executor copies what it writes to: apollo-internals.ts,
   * COPY_ON_WRITE).
   */
  json(): unknown;
}

/** An answer read by one caller only: its body is parsed when asked, as it always was. */
const ownAnswer = (answer: SubgraphAnswer): SharedAnswer => ({
  ...answer,
  json: () => JSON.parse(answer.text),
});

/** An answer shared by its callers: the body is parsed by the first who reads it, and that tree given to all. */
function sharedAnswer(answer: SubgraphAnswer): SharedAnswer {
  let tree: unknown;
  let parsed = false;
  const json = (): unknown => {
    if (!parsed) {
      tree = JSON.parse(answer.text);
      parsed = true;
    }
    return tree;
  };
  return { ...answer, json };
}

/** Sends like a Send, answering with what its callers read (json()). */
export type MergedSend = (...args: Parameters<Send>) => Promise<SharedAnswer>;

/**
 * Identical subgraph requests in flight at the same moment (same subgraph, same query and variables, same
 * forwarded identity) are sent once and their answer shared: the largest gain of a busy gateway, since
 * dashboards and sheets ask the same things at once. Only queries: a mutation always goes through.
 * Nothing outlives the request, so nothing can be stale.
 */
export function mergeInFlight(send: Send, stats: InFlightStats = { sent: 0, merged: 0 }): MergedSend {
  // By where it goes and as whom, then by body: the body (up to megabytes of representations) is hashed as it
  // is, never copied into a longer key.
  const inFlight = new Map<string, Map<string, Promise<SharedAnswer>>>();
  return (url, headers, body, kind, signal) => {
    if (kind !== "query") {
      stats.sent += 1;
      return send(url, headers, body, kind, signal).then(ownAnswer);
    }
    // A request that must read at a later WAL position cannot share an answer read from a lagging replica.
    const route = `${url}\n${headers[IDENTITY_HEADER] ?? ""}\n${headers[READ_AFTER_HEADER] ?? ""}`;
    let bodies = inFlight.get(route);
    const shared = bodies?.get(body);
    if (shared) {
      stats.merged += 1;
      return shared;
    }
    stats.sent += 1;
    const answer = send(url, headers, body, kind, signal).then(sharedAnswer);
    if (!bodies) inFlight.set(route, (bodies = new Map()));
    bodies.set(body, answer);
    const forget = () => {
      bodies.delete(body);
      if (!bodies.size && inFlight.get(route) === bodies) inFlight.delete(route);
    };
    answer.then(forget, forget);
    return answer;
  };
}

import { STATUS_CODES } from "node:http";
import { IDENTITY_HEADER, READ_AFTER_HEADER } from "@cakupan/core";
import { Agent } from "undici";
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
 * POSTs to subgraphs over kept-alive connections (undici, Node's own HTTP client). @apollo/gateway's default
 * fetcher (make-fetch-happen over node-fetch) copies every request body once more and costs more per request
 * than the subgraph's own answer on small fetches.
 */
export function undiciSend(timeoutMs: number): Send {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 30_000,
    connections: 64,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return async (url, headers, body, _kind, signal) => {
    const { origin, pathname, search } = new URL(url);
    const response = await agent.request({
      origin,
      path: pathname + search,
      method: "POST",
      headers,
      body,
      signal: signal ?? AbortSignal.timeout(timeoutMs),
    });
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
    return {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? "",
      headers: flat,
      text: await response.body.text(),
    };
  };
}

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

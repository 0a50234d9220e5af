import { STATUS_CODES } from "node:http";
import { IDENTITY_HEADER, READ_AFTER_HEADER } from "@cakupan/core";
import { Agent } from "undici";
import type { OperationKind } from "./operation-kind";

/** A subgraph's answer as received: the body is parsed by each caller, so no caller sees another's objects. */
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

/**
 * Identical subgraph requests in flight at the same moment (same subgraph, same query and variables, same
 * forwarded identity) are sent once and their answer shared: the largest gain of a busy gateway, since
 * dashboards and sheets ask the same things at once. Only queries: a mutation always goes through.
 * Nothing outlives the request, so nothing can be stale.
 */
export function mergeInFlight(send: Send, stats: InFlightStats = { sent: 0, merged: 0 }): Send {
  // By where it goes and as whom, then by body: the body (up to megabytes of representations) is hashed as it
  // is, never copied into a longer key.
  const inFlight = new Map<string, Map<string, Promise<SubgraphAnswer>>>();
  return (url, headers, body, kind, signal) => {
    if (kind !== "query") {
      stats.sent += 1;
      return send(url, headers, body, kind, signal);
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
    const answer = send(url, headers, body, kind, signal);
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

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

/** A subgraph's answer as its callers read it: each caller parses the body into a tree of its own. */
export interface SharedAnswer extends SubgraphAnswer {
  /**
   * The body, parsed: a tree no other caller sees (the gateway's executor writes into what it receives).
   * Callers merged into one request parse it once between them; each gets a copy but the last, who gets the
   * parsed tree itself.
   */
  json(): unknown;
}

/** An answer read by one caller only: its body is parsed when asked, as it always was. */
const ownAnswer = (answer: SubgraphAnswer): SharedAnswer => ({
  ...answer,
  json: () => JSON.parse(answer.text),
});

/** The callers of one request in flight: how many joined, and whether more still can. */
interface Callers {
  joined: number;
  open: boolean;
}

/**
 * An answer shared by `callers`: the first reader parses the body into a tree kept untouched; every reader
 * gets a copy of it, but the last one (once no more can join), who gets the tree itself. A copy costs a third
 * of a parse (the strings are shared: they are immutable) and allocates less.
 */
function sharedAnswer(answer: SubgraphAnswer, callers: Callers): SharedAnswer {
  let read = 0;
  let kept: unknown;
  let state: "unparsed" | "kept" | "given" = "unparsed";
  const json = (): unknown => {
    read += 1;
    const last = !callers.open && read >= callers.joined;
    if (state === "given" || (state === "unparsed" && last) || inheritsEnumerables()) {
      return JSON.parse(answer.text);
    }
    if (state === "unparsed") {
      kept = JSON.parse(answer.text);
      state = "kept";
    }
    if (last) {
      const tree = kept;
      kept = undefined;
      state = "given";
      return tree;
    }
    try {
      return copyOfParsed(kept);
    } catch (error) {
      // Deeper than the stack allows a copy: parsed afresh, as it would have been.
      if (error instanceof RangeError) return JSON.parse(answer.text);
      throw error;
    }
  };
  return { ...answer, json };
}

/** An enumerable property on Object.prototype would be copied as an own field (for...in reads it): then parse. */
function inheritsEnumerables(): boolean {
  for (const _ in {}) return true;
  return false;
}

/**
 * A copy of what JSON.parse returned, equal to parsing the same text again: the same own fields in the same
 * order, plain objects and arrays, "__proto__" kept as an own field as JSON.parse makes it.
 */
function copyOfParsed(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) copy[index] = copyOfParsed(value[index]);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const field = copyOfParsed((value as Record<string, unknown>)[key]);
    if (key === "__proto__")
      Object.defineProperty(copy, key, {
        value: field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = field;
  }
  return copy;
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
  const inFlight = new Map<string, Map<string, { answer: Promise<SharedAnswer>; callers: Callers }>>();
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
      shared.callers.joined += 1;
      return shared.answer;
    }
    stats.sent += 1;
    const callers: Callers = { joined: 1, open: true };
    const answer = send(url, headers, body, kind, signal).then((sent) => sharedAnswer(sent, callers));
    if (!bodies) inFlight.set(route, (bodies = new Map()));
    bodies.set(body, { answer, callers });
    // Runs before any caller reads the answer (it was registered first): no caller joins after it.
    const forget = () => {
      callers.open = false;
      bodies.delete(body);
      if (!bodies.size && inFlight.get(route) === bodies) inFlight.delete(route);
    };
    answer.then(forget, forget);
    return answer;
  };
}

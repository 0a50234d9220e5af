import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pino from "pino";
import type { Logger } from "./logger";

export const REQUEST_ID_HEADER = "x-request-id";
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** What a handler adds to its request's log line, once it knows it (operation name, cache outcome). */
export function annotateRequest(response: ServerResponse, fields: Record<string, unknown>): void {
  const target = response as ServerResponse & { logFields?: Record<string, unknown> };
  target.logFields = { ...target.logFields, ...fields };
}

/** Express rewrites `url` inside a mounted route; the path as asked is in `originalUrl`. */
const pathOf = (request: IncomingMessage) =>
  (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? "";

/** The fields a request's line carries besides pino-http's own: what handlers annotated, and the cache outcome. */
function lineFields(request: IncomingMessage, response: ServerResponse): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    req: { method: request.method, url: pathOf(request) },
    ...(response as ServerResponse & { logFields?: object }).logFields,
  };
  const cache = response.getHeader("x-cache");
  if (cache) fields.cache = cache;
  // Answers that never reach GraphQL execution (a cached one) still name their operation.
  const operationName = (request as IncomingMessage & { body?: { operationName?: unknown } }).body
    ?.operationName;
  if (fields.operation === undefined && typeof operationName === "string") fields.operation = operationName;
  return fields;
}

declare module "http" {
  interface IncomingMessage {
    /** Its request id (httpLogging). */
    id: string | number | object;
    /** A logger whose lines carry its request id (httpLogging). */
    log: Logger;
  }
  interface ServerResponse {
    /** The same logger as its request's. */
    log: Logger;
    /** An error a handler leaves for the request's log line. */
    err?: Error;
  }
}

const levelOf = (response: ServerResponse, error?: Error) =>
  error || response.statusCode >= 500 ? "error" : response.statusCode >= 400 ? "warn" : "info";

/**
 * One log line per HTTP request, with its request id: the caller's x-request-id when it sends a sane one (the
 * gateway does, to subgraphs), else a new one, answered in the same header. `request.log` is the request's
 * own logger, so every line about it carries the id. The lines are the ones pino-http wrote with the options
 * this module gave it, byte for byte, without what it did per request for nothing here: a second child
 * logger binding the whole request (its "full" request logger, which quiet mode never uses), the allLogs
 * arrays, its option checks on every answer.
 */
export function httpLogging(logger: Logger, options: { ignore?: (url: string) => boolean } = {}) {
  const { ignore } = options;
  // Applied as they are, not after pino's standard ones: those copy every header of the request and of the
  // answer into an object these then drop.
  const base = logger.child(
    {},
    {
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
  );
  return (request: IncomingMessage, response: ServerResponse, next?: () => void): void => {
    const req = request as Partial<IncomingMessage>;
    const res = response as Partial<ServerResponse>;
    if (!req.id) {
      const given = request.headers[REQUEST_ID_HEADER];
      const id = typeof given === "string" && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader(REQUEST_ID_HEADER, id);
      req.id = id;
    }
    // Every line logged through request.log carries the request id, not only the closing one.
    const log = base.child({ requestId: req.id });
    res.log ??= log;
    req.log ??= log;
    const started = Date.now();
    const logged = !ignore?.(pathOf(request));
    // One line when the answer is sent, or when the connection closes before it is; an error the answer
    // emits is logged whatever its path.
    const complete = (error?: Error) => {
      response.off("close", complete);
      response.off("finish", complete);
      response.off("error", complete);
      const durationMs = Date.now() - started;
      const message = `${request.method} ${pathOf(request)} ${response.statusCode}`;
      const level = levelOf(response, error);
      const fields = lineFields(request, response);
      fields.res = response;
      if (error || res.err || response.statusCode >= 500)
        fields.err = error || res.err || new Error(`failed with status code ${response.statusCode}`);
      fields.durationMs = durationMs;
      log[level](fields, message);
    };
    if (logged) {
      response.on("close", complete);
      response.on("finish", complete);
    }
    response.on("error", complete);
    next?.();
  };
}

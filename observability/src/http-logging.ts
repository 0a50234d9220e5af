import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pino from "pino";
import { pinoHttp } from "pino-http";
import type { Logger } from "./logger";

export const REQUEST_ID_HEADER = "x-request-id";
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** What a handler adds to its request's log line, once it knows it (operation name, cache outcome). */
export function annotateRequest(response: ServerResponse, fields: Record<string, unknown>): void {
  const target = response as ServerResponse & { logFields?: Record<string, unknown> };
  target.logFields = { ...target.logFields, ...fields };
}

/**
 * One log line per HTTP request (pino-http), with its request id: the caller's x-request-id when it sends a
 * sane one (the gateway does, to subgraphs), else a new one, answered in the same header. `request.log` is
 * the request's own logger, so every line about it carries the id.
 */
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

export function httpLogging(logger: Logger, options: { ignore?: (url: string) => boolean } = {}) {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const given = request.headers[REQUEST_ID_HEADER];
      const id = typeof given === "string" && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: "requestId", responseTime: "durationMs" },
    // Every line logged through request.log carries the request id, not only the closing one. One child
    // logger per request, no more: pino-http's others (bound to the request, to customProps at the start and
    // again at the end) cost more than the line itself, so the closing line's fields go in its own object.
    quietReqLogger: true,
    quietResLogger: true,
    autoLogging: options.ignore
      ? { ignore: (request: IncomingMessage) => options.ignore!(pathOf(request)) }
      : true,
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? "error" : response.statusCode >= 400 ? "warn" : "info",
    customSuccessMessage: (request: IncomingMessage, response: ServerResponse) =>
      `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customErrorMessage: (request: IncomingMessage, response: ServerResponse) =>
      `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customSuccessObject: (request: IncomingMessage, response: ServerResponse, line: object) => ({
      ...lineFields(request, response),
      ...line,
    }),
    customErrorObject: (request: IncomingMessage, response: ServerResponse, _error: Error, line: object) => ({
      ...lineFields(request, response),
      ...line,
    }),
    // Applied as they are, not after pino's standard ones: those copy every header of the request and of the
    // answer into an object these then drop.
    wrapSerializers: false,
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}

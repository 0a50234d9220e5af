import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseUrl } from "node:url";
import { type ApolloServer, type BaseContext, type ContextFunction, HeaderMap } from "@apollo/server";
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from "express";

/**
 * The GraphQL endpoint without the costs of Express's router, which nearly every request paid for nothing:
 * POST and GET of exactly /graphql go straight through the same middleware functions Express runs for
 * them, in the same order, with the request and answer given Express's prototypes as Express gives them
 * (so every helper they use, req.ip, res.json, res.send, reads the app's settings), the path trimmed and
 * restored around the handlers mounted at /graphql as Express's router does, the same error handler and
 * not-found answer at the end. Any other request (another path, /graphql/ with a slash, HEAD, OPTIONS, ...)
 * is Express's, unchanged. server.ts registers the same handlers with Express, so both ways run the same
 * code; only the routing differs.
 */
export interface GraphQLEndpoint {
  /** The path served: requests for exactly it (and its query string) take the direct way. */
  path: string;
  /** App-level middleware Express runs first for any path (request log, CORS), in order. */
  before: RequestHandler[];
  /** Middleware Express runs mounted at `path` (rate limit, body, checks, cache, GraphQL), in order. */
  mounted: RequestHandler[];
  /** What Express answers when the mounted ones pass the request on. */
  notFound: RequestHandler;
  /** The app's error handler. */
  onError: ErrorRequestHandler;
}

/** A node:http request listener: the endpoint's requests directly, every other one through `app`. */
export function withDirectEndpoint(app: Express, endpoint: GraphQLEndpoint) {
  const { path, before, mounted, notFound, onError } = endpoint;
  const withQuery = `${path}?`;
  const steps: [RequestHandler, boolean][] = [
    ...before.map((handler): [RequestHandler, boolean] => [handler, false]),
    ...mounted.map((handler): [RequestHandler, boolean] => [handler, true]),
  ];
  return (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const url = incoming.url ?? "";
    if (
      (incoming.method !== "POST" && incoming.method !== "GET") ||
      !(url === path || url.startsWith(withQuery))
    ) {
      app(incoming, outgoing);
      return;
    }
    // What app.handle does before routing (x-powered-by is disabled).
    const request = incoming as Request;
    const response = outgoing as Response;
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(request, app.request);
    Object.setPrototypeOf(response, app.response);
    if (!response.locals) response.locals = Object.create(null) as Response["locals"];
    // What the router sets: the URL as asked, and no base path outside a mount.
    request.originalUrl = url;
    request.baseUrl = "";
    request.params = {};

    let index = 0;
    let trimmed = false;
    let failed = false;
    const next = (error?: unknown): void => {
      if (trimmed) {
        // Restore the path as the router does on leaving a mounted handler (its added slash first).
        request.url = path + request.url.slice(1);
        request.baseUrl = "";
        trimmed = false;
      }
      const failure = error === "route" ? null : error;
      if (failure) {
        // None of the steps handles errors: they go to the app's error handler, after every route; what
        // it passes on (or throws) to Express's final handler.
        if (failed) return finish();
        failed = true;
        index = steps.length + 1;
        call(() => onError(failure, request, response, next));
        return;
      }
      if (index === steps.length) {
        index += 1;
        call(() => notFound(request, response, next));
        return;
      }
      if (index > steps.length) return finish();
      const [handler, isMounted] = steps[index++];
      if (isMounted) {
        // Trimmed as the router trims for a handler mounted at the path: "/" plus what follows it.
        request.url = `/${request.url.slice(path.length)}`;
        request.baseUrl = path;
        trimmed = true;
      }
      call(() => handler(request, response, next));
    };
    /** As the router calls a handler: a throw or a rejected promise is passed on as an error. */
    const call = (run: () => unknown): void => {
      try {
        const result = run();
        if (result instanceof Promise)
          result.then(null, (error: unknown) => next(error ?? new Error("Rejected promise")));
      } catch (error) {
        next(error);
      }
    };
    /** Express's final handler, as the app's own handlers leave it to: a broken answer's socket closed. */
    const finish = (): void => {
      if (response.headersSent) request.socket.destroy();
    };
    next();
  };
}

/** The characters Node's legacy url.parse escapes, and where its search ends: only those need it. */
const NEEDS_URL_PARSE = /[#{}|\\^`'" <>\t\n\r]/;

function searchOf(url: string): string {
  if (NEEDS_URL_PARSE.test(url)) return parseUrl(url).search ?? "";
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at);
}

const APOLLO_TYPES = new Set([
  "application/json; charset=utf-8",
  "application/graphql-response+json; charset=utf-8",
]);

/**
 * Apollo Server's handler, as @as-integrations/express5's expressMiddleware is (same request to
 * executeHTTPGraphQLRequest, same answer), writing a complete answer to a POST in one write: the headers
 * Express's res.send would give it (Content-Type unchanged, Content-Length, the app's ETag) and the body.
 * A GET (which may be answered 304 by its ETag) and an answer someone wraps res.send to see (the response
 * cache) go through res.send itself.
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: ContextFunction<[{ req: Request; res: Response }], TContext>,
): RequestHandler {
  server.assertStarted("graphqlHandler()");
  return async (req, res) => {
    if (!("body" in req)) {
      res.status(500);
      res.send(
        "`req.body` is not set; this probably means you forgot to set up the " +
          "`json` middleware before the Apollo Server middleware.",
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: searchOf(req.url),
        body: req.body,
      },
      context: () => context({ req, res }),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status || 200;
    if (answer.body.kind === "complete") {
      sendComplete(req, res, answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
      const flushing = res as Response & { flush?: () => void };
      if (typeof flushing.flush === "function") flushing.flush();
    }
    res.end();
  };
}

function sendComplete(req: Request, res: Response, body: string): void {
  const type = res.getHeader("content-type");
  if (
    req.method !== "POST" ||
    Object.hasOwn(res, "send") ||
    typeof type !== "string" ||
    !APOLLO_TYPES.has(type) ||
    res.getHeader("transfer-encoding") !== undefined ||
    res.statusCode === 204 ||
    res.statusCode === 205 ||
    res.statusCode === 304
  ) {
    res.send(body);
    return;
  }
  // What res.send does for such an answer to a POST (which is never fresh), but in one write. Its charset
  // is already utf-8; set again under Express's spelling of the name, which is what goes on the wire.
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Length", String(Buffer.byteLength(body, "utf8")));
  const etag = req.app.get("etag fn") as ((body: string, encoding: string) => string) | undefined;
  if (typeof etag === "function" && res.getHeader("etag") === undefined) {
    const value = etag(body, "utf8");
    if (value) res.setHeader("ETag", value);
  }
  res.end(body, "utf8");
}

import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDirectEndpoint } from "../src/graphql-endpoint";

/**
 * An app shaped as server.ts shapes the gateway's: app-wide handlers, handlers mounted at /graphql, a
 * not-found answer and an error handler; each handler notes what it saw of the request.
 */
function app() {
  const application = express();
  application.disable("x-powered-by");
  application.set("trust proxy", 1);
  const seen = (request: Request, step: string) =>
    ((request as Request & { seen?: unknown[] }).seen ??= []).push({
      step,
      url: request.url,
      originalUrl: request.originalUrl,
      baseUrl: request.baseUrl,
      path: request.path,
      ip: request.ip,
      query: request.query,
    });
  const first: RequestHandler = (request, _response, next) => {
    seen(request, "first");
    next();
  };
  const rewrite: RequestHandler = (request, _response, next) => {
    seen(request, "rewrite");
    if (request.query.rewrite) request.url = `${request.url.split("?")[0]}?rewritten=1`;
    next();
  };
  const fail: RequestHandler = async (request, _response, next) => {
    seen(request, "fail");
    if (request.query.throw) throw new Error("thrown");
    if (request.query.reject) await Promise.reject(new Error("rejected"));
    next();
  };
  const answer: RequestHandler = (request, response, next) => {
    seen(request, "answer");
    if (request.query.pass) return next();
    response.json((request as Request & { seen?: unknown[] }).seen);
  };
  const notFound: RequestHandler = (request, response) => {
    seen(request, "notFound");
    response.status(404).json((request as Request & { seen?: unknown[] }).seen);
  };
  const onError: ErrorRequestHandler = (error, request, response, _next) => {
    seen(request, `error ${error.message}`);
    response.status(500).json((request as Request & { seen?: unknown[] }).seen);
  };
  application.use(first);
  application.get("/elsewhere", (_request, response) => void response.send("elsewhere"));
  application.use("/graphql", rewrite, fail, answer);
  application.use(notFound, onError);
  return {
    application,
    direct: withDirectEndpoint(application, {
      path: "/graphql",
      before: [first],
      mounted: [rewrite, fail, answer],
      notFound,
      onError,
    }),
  };
}

async function serve(listener: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(listener).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("the direct way to the GraphQL endpoint", () => {
  let throughExpress: Awaited<ReturnType<typeof serve>>;
  let direct: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    throughExpress = await serve(app().application);
    direct = await serve(app().direct);
  });
  afterAll(() => {
    throughExpress.server.close();
    direct.server.close();
  });

  it.each([
    ["POST", "/graphql"],
    ["GET", "/graphql?a=1&b=2"],
    ["GET", "/graphql?rewrite=1"],
    ["POST", "/graphql?throw=1"],
    ["POST", "/graphql?reject=1"],
    ["POST", "/graphql?pass=1"],
    ["POST", "/graphql/"],
    ["PUT", "/graphql"],
    ["GET", "/elsewhere"],
  ])(
    "runs %s %s through the same handlers, seeing the same request, as Express's router",
    async (method, path) => {
      const ask = async (base: string) => {
        const response = await fetch(base + path, {
          method,
          headers: { "x-forwarded-for": "10.1.2.3" },
        });
        return { status: response.status, text: await response.text() };
      };
      expect(await ask(direct.url)).toEqual(await ask(throughExpress.url));
    },
  );
});

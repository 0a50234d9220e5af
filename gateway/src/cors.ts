import cors from "cors";
import type { RequestHandler } from "express";
import { READ_AFTER_HEADER } from "@cakupan/core";

/**
 * Cross-origin reads for dashboards on other origins (a Grafana panel, a web page): only the origins in
 * CORS_ORIGINS (comma-separated, exact: https://dash.example.go.id), or `*` for any. Never credentials:
 * callers sign in with a bearer token in the Authorization header, which a page of another origin cannot
 * take from the user, never with cookies, so Access-Control-Allow-Credentials is never sent. A preflight
 * from an origin not allowed is answered 403 with the reason; other requests from one get no CORS headers,
 * so the browser keeps the answer from the page.
 */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const origins = (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim().replace(/\/$/, ""))
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== "*" && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(
        `CORS_ORIGINS holds "${origin}", which is not an origin: use scheme://host[:port], like https://dash.example.go.id.`,
      );
    }
  }
  return origins;
}

export function corsPolicy(origins: string[]): RequestHandler {
  const any = origins.includes("*");
  const allowed = new Set(origins);
  const handler = cors({
    origin: any ? "*" : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: false,
    methods: ["GET", "HEAD", "POST", "OPTIONS"],
    allowedHeaders: [
      "authorization",
      "content-type",
      "accept",
      "apollo-require-preflight",
      "x-apollo-operation-name",
      READ_AFTER_HEADER,
    ],
    exposedHeaders: ["x-cache", "etag", "content-disposition", READ_AFTER_HEADER],
    maxAge: 600,
  });
  return (request, response, next) => {
    const origin = request.headers.origin;
    const preflight =
      request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined;
    if (preflight && origin && !any && !allowed.has(origin) && !isSameOrigin(origin, request.headers.host)) {
      response
        .status(403)
        .type("text/plain")
        .send(
          `Origin ${origin} may not call this gateway from a browser: add it to CORS_ORIGINS (now ${origins.join(",") || "empty"}).\n`,
        );
      return;
    }
    handler(request, response, next);
  };
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  return host !== undefined && new URL(origin).host === host;
}

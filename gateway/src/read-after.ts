import {
  formatReadAfter,
  mergeReadAfter,
  parseReadAfter,
  READ_AFTER_COOKIE,
  READ_AFTER_HEADER,
  type ReadAfter,
} from "@cakupan/core";
import type { Request, Response } from "express";

/** Long enough for any healthy replica to catch up; after it the caller reads wherever it is sent. */
const COOKIE_MAX_AGE_SECONDS = 60;

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** The positions a caller asks to read after: its header (API clients) and its cookie (browsers). */
export function callerReadAfter(request: Request): ReadAfter {
  return mergeReadAfter(
    parseReadAfter(cookieValue(request, READ_AFTER_COOKIE)),
    parseReadAfter(request.headers[READ_AFTER_HEADER] as string | undefined),
  );
}

/**
 * A caller's positions to read after, from the READ_AFTER_HEADER it sends back (API clients) or the cookie
 * set with its last write's answer (browsers on the gateway's own origin); and, when one of its mutations
 * reports the primary's position after writing, the same header and cookie on this answer, merged with
 * what it sent. Nothing is kept in the gateway: any replica reads the caller's next request the same way.
 */
export function readYourWrites(
  request: Request,
  response: Response,
): { readAfter: ReadAfter; wrote: (subgraph: string, position: string) => void } {
  const readAfter = callerReadAfter(request);
  const written: ReadAfter = {};
  return {
    readAfter,
    wrote: (subgraph, position) => {
      written[subgraph] = position;
      const value = formatReadAfter(mergeReadAfter(readAfter, written));
      if (response.headersSent) return;
      response.setHeader(READ_AFTER_HEADER, value);
      response.setHeader(
        "set-cookie",
        `${READ_AFTER_COOKIE}=${value}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict`,
      );
    },
  };
}

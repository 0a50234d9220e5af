import { Readable } from "node:stream";
import express, { type Request, type RequestHandler } from "express";

/** The media types of a JSON body read here; any other spelling is body-parser's. */
const PLAIN_JSON = new Set(["application/json", "application/json; charset=utf-8"]);
const DIGITS = /^\d+$/;

/**
 * express.json({ limit }) (body-parser), with its most common case read directly: a POST whose body is
 * application/json in UTF-8, neither compressed nor chunked, of a stated length within the limit, and that
 * parses as a JSON object or array. That case is read as body-parser reads it (the bytes as UTF-8 without a
 * leading byte-order mark, JSON.parse) for a fraction of its cost: no media-type parsing, no decoder
 * stream, no raw-body bookkeeping. Everything else, and any body that does not parse, is handed to
 * body-parser itself (the bytes already read replayed to it), so every refusal is its own, word for word.
 */
export function jsonBody(limit: number): RequestHandler {
  const parser = express.json({ limit });
  return (request, response, next) => {
    const { headers } = request;
    const length = headers["content-length"];
    const type = headers["content-type"];
    if (
      request.method !== "POST" ||
      length === undefined ||
      !DIGITS.test(length) ||
      Number(length) > limit ||
      type === undefined ||
      !PLAIN_JSON.has(type) ||
      headers["transfer-encoding"] !== undefined ||
      headers["content-encoding"] !== undefined ||
      !request.readable ||
      request.readableEnded ||
      request.readableFlowing !== null ||
      !request.socket?.readable
    ) {
      parser(request, response, next);
      return;
    }
    const expected = Number(length);
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      cleanup();
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      if (received === expected) {
        let text = bytes.toString("utf8");
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (text.length === 0) {
          request.body = {};
          next();
          return;
        }
        const first = text[0];
        if (first === "{" || first === "[") {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            return replay(request, bytes, parser, response, next);
          }
          request.body = body;
          next();
          return;
        }
      }
      replay(request, bytes, parser, response, next);
    };
    // Aborted or broken before its end: refused at once, as body-parser (raw-body) refuses it, with the
    // same error; closed without either, left as raw-body leaves it.
    const onAborted = () => {
      cleanup();
      const error = Object.assign(new Error("request aborted"), {
        code: "ECONNABORTED",
        expected,
        length: expected,
        received,
        type: "request.aborted",
      });
      next(Object.assign(error, { status: 400, statusCode: 400, expose: true }));
    };
    const onError = (error: Error) => {
      cleanup();
      next(Object.assign(error, { status: 400, statusCode: 400, expose: true }));
    };
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("aborted", onAborted);
      request.off("error", onError);
      request.off("close", cleanup);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("aborted", onAborted);
    request.on("error", onError);
    request.on("close", cleanup);
  };
}

/**
 * Hands a body already read to body-parser as if it came from the request: the same headers, the same
 * bytes, the request's socket; what it parses (or refuses) is the request's.
 */
function replay(
  request: Request,
  bytes: Buffer,
  parser: RequestHandler,
  response: Parameters<RequestHandler>[1],
  next: Parameters<RequestHandler>[2],
): void {
  const stream = Readable.from([bytes], { objectMode: false }) as Readable & {
    headers: Request["headers"];
    complete: boolean;
    socket: Request["socket"];
    body?: unknown;
  };
  stream.headers = request.headers;
  // What body-parser asks of a request before reading it: not finished, its socket readable.
  stream.complete = false;
  stream.socket = request.socket;
  parser(stream as unknown as Request, response, (error?: unknown) => {
    request.body = stream.body;
    next(error);
  });
}

import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonBody } from "../src/json-body";

const LIMIT = 1000;

/** An app that answers what its body parser made of the request: the body, or the error it passed on. */
async function echo(parser: RequestHandler): Promise<{ url: string; server: Server }> {
  const app = express();
  app.post("/", parser, (request, response) => {
    response.json({ body: request.body === undefined ? "(undefined)" : request.body });
  });
  const refused: ErrorRequestHandler = (error, _request, response, _next) => {
    response.status(200).json({ error: { type: error.type, status: error.status, message: error.message } });
  };
  app.use(refused);
  const server = createServer(app).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const BODIES: [string, Record<string, string>, string | Buffer][] = [
  ["an object", {}, JSON.stringify({ query: "{ __typename }", variables: { a: [1, "é"] } })],
  ["an array", {}, "[1,2]"],
  ["an empty body", {}, ""],
  ["a byte-order mark first", {}, `\ufeff${JSON.stringify({ query: "{ a }" })}`],
  ["whitespace first", {}, ` \n${JSON.stringify({ query: "{ a }" })}`],
  ["broken JSON", {}, '{"query": '],
  ["trailing text", {}, '{"query": "{ a }"} x'],
  ["a string", {}, '"text"'],
  ["a number", {}, "12"],
  ["bytes that are not UTF-8", {}, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ["a body over the limit", {}, JSON.stringify({ query: "x".repeat(LIMIT) })],
  ["a charset stated", { "content-type": "application/json; charset=utf-8" }, '{"a":1}'],
  ["another charset", { "content-type": "application/json; charset=latin1" }, '{"a":1}'],
  ["another spelling of the type", { "content-type": "Application/JSON" }, '{"a":1}'],
  ["another type", { "content-type": "text/plain" }, '{"a":1}'],
  ["a false content-encoding", { "content-encoding": "gzip" }, '{"a":1}'],
];

describe("the gateway's JSON body reader", () => {
  let ours: Awaited<ReturnType<typeof echo>>;
  let bodyParser: Awaited<ReturnType<typeof echo>>;
  beforeAll(async () => {
    ours = await echo(jsonBody(LIMIT));
    bodyParser = await echo(express.json({ limit: LIMIT }));
  });
  afterAll(() => {
    ours.server.close();
    bodyParser.server.close();
  });

  it.each(BODIES)(
    "reads %s as express.json does: the same body, or the same refusal",
    async (_, headers, body) => {
      const send = async (url: string) => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
        });
        return { status: response.status, text: await response.text() };
      };
      expect(await send(ours.url)).toEqual(await send(bodyParser.url));
    },
  );
});

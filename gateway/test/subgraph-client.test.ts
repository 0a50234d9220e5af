import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { httpSend } from "../src/subgraph-client";

const answer = (body: string) =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
  `keep-alive: timeout=65\r\n\r\n${body}`;

/**
 * A subgraph speaking HTTP/1.1 by hand over one kept-alive connection: it answers each request in turn and, after
 * the first, sends a forged answer nobody asked for onto the now idle connection.
 */
function subgraphSendingUnaskedBytes(): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on("data", () => {
      requests += 1;
      socket.write(answer(JSON.stringify({ data: { request: requests } })));
      if (requests === 1) setTimeout(() => socket.write(answer('{"data":{"forged":true}}')), 20);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/graphql`, server, requests: () => requests });
    }),
  );
}

const sockets = new Set<Socket>();
let running: Server | undefined;
// The client keeps its connection alive: closed from this side, or the server would wait for it.
afterEach(
  () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (running) running.close(() => resolve());
      else resolve();
    }),
);

describe("the subgraph client (node:http)", () => {
  it("never takes bytes a subgraph sent unasked on an idle connection for the next request's answer", async () => {
    const subgraph = await subgraphSendingUnaskedBytes();
    running = subgraph.server;
    const send = httpSend(2_000);
    const headers = { "content-type": "application/json" };
    const first = await send(subgraph.url, headers, "{}", "query");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await send(subgraph.url, headers, "{}", "query");
    expect(JSON.parse(first.text)).toEqual({ data: { request: 1 } });
    expect(JSON.parse(second.text)).toEqual({ data: { request: 2 } });
    expect(subgraph.requests()).toBe(2);
  });
});

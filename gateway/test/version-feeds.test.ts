import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { versionFeed, type VersionFeed } from "../src/version-feeds";

/** A subgraph's GET /version/stream: each connection is handed to `serve` with its number (1, 2, ...). */
async function versionStream(serve: (response: ServerResponse, connection: number) => void): Promise<{
  url: string;
  connections: () => number;
  server: Server;
}> {
  let connections = 0;
  const server = createServer((request, response) => {
    if (request.url !== "/version/stream") return void response.writeHead(404).end();
    connections += 1;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    serve(response, connections);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, connections: () => connections, server };
}

const version = (response: ServerResponse, value: string) =>
  response.write(`event: version\ndata: ${JSON.stringify({ version: value })}\n\n`);

let feed: VersionFeed | undefined;
let server: Server | undefined;
afterEach(async () => {
  feed?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe("a subgraph's data version feed", () => {
  it("is reopened when a stream that was up ends, telling of the loss and of its end, and takes the new stream's version", async () => {
    const stream = await versionStream((response, connection) => {
      version(response, String(connection));
      // The first stream lives past the reconnection backoff's longest step, then its replica "dies".
      if (connection === 1) setTimeout(() => response.end(), 2100);
    });
    server = stream.server;
    const changes: string[] = [];
    feed = versionFeed(stream.url, (state) => changes.push(state));
    await vi.waitFor(() => expect(feed!.current()?.version).toBe("1"));
    await vi.waitFor(() => expect(feed!.current()?.version).toBe("2"), { timeout: 5000 });
    expect(changes).toEqual(["up", "down", "up"]);
  });

  it("backs off from a stream that ends as soon as it opens, never reopening it in a loop", async () => {
    const stream = await versionStream((response) => {
      version(response, "1");
      response.end();
    });
    server = stream.server;
    feed = versionFeed(stream.url);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Backoff 100, 200, 400 ms...: opened at 0, 0.1, 0.3 and 0.7 s, not every 100 ms (10) nor in a loop.
    expect(stream.connections()).toBeLessThanOrEqual(5);
  });
});

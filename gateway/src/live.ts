import type { Express, Response } from "express";
import { createParser } from "eventsource-parser";

/**
 * GET /live/coverage: one Server-Sent Events stream of "coverage changed" events for every client
 * (Excel LIVE cells, dashboards). The gateway holds one upstream stream to the participants subgraph,
 * opened while anyone listens, and fans it out; events carry codes only, never figures.
 */
export function liveCoverageRoutes(app: Express, participantsGraphqlUrl: string | undefined): { close(): void } {
  const clients = new Set<Response>();
  let upstream: AbortController | undefined;
  let retry: NodeJS.Timeout | undefined;
  const eventsUrl = participantsGraphqlUrl?.replace(/\/graphql\/?$/, "/events");

  const broadcast = (text: string) => {
    for (const client of clients) client.write(text);
  };

  const connect = async () => {
    if (!eventsUrl || upstream || clients.size === 0) return;
    const controller = new AbortController();
    upstream = controller;
    try {
      const response = await fetch(eventsUrl, { signal: controller.signal, headers: { accept: "text/event-stream" } });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === "coverage") broadcast(`event: coverage\ndata: ${event.data}\n\n`);
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // the participants subgraph restarted or is unreachable: try again while someone listens
    } finally {
      if (upstream === controller) upstream = undefined;
      if (!controller.signal.aborted && clients.size > 0) retry = setTimeout(() => void connect(), 1000);
    }
  };

  app.get("/live/coverage", (request, response) => {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    response.write(eventsUrl ? ": coverage changes\n\n" : "event: error\ndata: no participants subgraph is configured\n\n");
    clients.add(response);
    void connect();
    request.on("close", () => {
      clients.delete(response);
      if (clients.size === 0) upstream?.abort();
    });
  });
  const heartbeat = setInterval(() => broadcast(": keep-alive\n\n"), 25_000);

  return {
    close: () => {
      clearInterval(heartbeat);
      clearTimeout(retry);
      upstream?.abort();
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}

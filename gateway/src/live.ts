import { GATEWAY_ROUTES, SERVICE_ROUTES, serviceUrl } from "@cakupan/core";
import type { Express, Response } from "express";
import { readEventStream } from "./event-stream";

export const REFETCH_ALL_EVENT = `event: coverage\ndata: ${JSON.stringify({ regencyCode: "*" })}\n\n`;
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 1000;
/** Until the subgraph says its interval, the one it uses by default. */
const DEFAULT_HEARTBEAT_MS = 15_000;

export interface LiveEvents {
  onUpstream?(state: "connected" | "lost" | "stalled", detail?: string): void;
  /** Before a change is passed on: a client refetching at once must not be answered from before it. */
  beforeTelling?(): void;
}

/**
 * GET /live/coverage: one Server-Sent Events stream of "coverage changed" events for every client
 * (Excel LIVE cells, dashboards). The gateway holds one upstream stream to the participants subgraph,
 * opened while anyone listens, reconnected for ever with backoff, and fans it out; events carry codes only,
 * never figures. After any gap in the upstream stream, clients get a "*" event (refetch everything), since
 * changes may have been missed. The subgraph's `heartbeat` events are passed on: they say the whole chain
 * from PostgreSQL is listening, so a client that stops receiving them knows its live figures may be stale.
 */
export function liveCoverageRoutes(
  app: Express,
  participantsGraphqlUrl: string | undefined,
  events: LiveEvents = {},
): { close(): void } {
  const clients = new Set<Response>();
  let upstream: AbortController | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let gap = false;
  let lastHeartbeat: { at: number; data: string; intervalMs: number } | undefined;
  let lastUpstreamEvent = 0;
  const eventsUrl = participantsGraphqlUrl && serviceUrl(participantsGraphqlUrl, SERVICE_ROUTES.events);

  const broadcast = (text: string) => {
    for (const client of clients) client.write(text);
  };

  const connect = async () => {
    if (!eventsUrl || upstream || clients.size === 0) return;
    const controller = new AbortController();
    upstream = controller;
    let connected = false;
    try {
      const response = await fetch(eventsUrl, {
        signal: controller.signal,
        headers: { accept: "text/event-stream" },
      });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      connected = true;
      failures = 0;
      lastUpstreamEvent = Date.now();
      events.onUpstream?.("connected");
      if (gap) {
        events.beforeTelling?.();
        broadcast(REFETCH_ALL_EVENT);
      }
      gap = false;
      await readEventStream(response.body, {
        onEvent: (event) => {
          lastUpstreamEvent = Date.now();
          if (event.event === "coverage") {
            events.beforeTelling?.();
            broadcast(`event: coverage\ndata: ${event.data}\n\n`);
          } else if (event.event === "heartbeat") {
            const intervalMs =
              Number((JSON.parse(event.data) as { intervalMs?: number }).intervalMs) || DEFAULT_HEARTBEAT_MS;
            lastHeartbeat = { at: Date.now(), data: event.data, intervalMs };
            broadcast(`event: heartbeat\ndata: ${event.data}\n\n`);
          }
        },
        onComment: () => {
          lastUpstreamEvent = Date.now();
        },
      });
    } catch (error) {
      if (!controller.signal.aborted || connected) events.onUpstream?.("lost", (error as Error).message);
    } finally {
      if (upstream === controller) upstream = undefined;
      lastHeartbeat = undefined;
      // Whatever happened while nobody upstream was heard may have changed figures: refetch all on return.
      if (clients.size > 0) gap = true;
      if (clients.size > 0 && (!controller.signal.aborted || connected)) {
        const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** failures);
        failures += 1;
        retry = setTimeout(() => void connect(), delay);
      }
    }
  };

  app.get(GATEWAY_ROUTES.liveCoverage, (request, response) => {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    response.write(
      eventsUrl ? ": coverage changes\n\n" : "event: error\ndata: no participants subgraph is configured\n\n",
    );
    // A newcomer learns at once whether the chain is live, rather than one interval later.
    if (lastHeartbeat && Date.now() - lastHeartbeat.at < 2 * lastHeartbeat.intervalMs)
      response.write(`event: heartbeat\ndata: ${lastHeartbeat.data}\n\n`);
    clients.add(response);
    void connect();
    request.on("close", () => {
      clients.delete(response);
      if (clients.size === 0) {
        upstream?.abort();
        clearTimeout(retry);
        gap = false;
      }
    });
  });
  // Proxies close idle streams: a comment every 25 s. And an upstream that went silent (a hung subgraph,
  // a half-open connection) is dropped and reconnected after three heartbeat intervals.
  const keepAlive = setInterval(() => broadcast(": keep-alive\n\n"), 25_000);
  const watchdog = setInterval(() => {
    const intervalMs = lastHeartbeat?.intervalMs ?? DEFAULT_HEARTBEAT_MS;
    if (upstream && lastUpstreamEvent && Date.now() - lastUpstreamEvent > 3 * intervalMs) {
      events.onUpstream?.("stalled", `no event for ${Date.now() - lastUpstreamEvent} ms`);
      const stalled = upstream;
      upstream = undefined;
      stalled.abort();
      gap = true;
      void connect();
    }
  }, 1000);

  return {
    close: () => {
      clearInterval(keepAlive);
      clearInterval(watchdog);
      clearTimeout(retry);
      upstream?.abort();
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}

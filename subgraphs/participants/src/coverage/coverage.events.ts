import { envPositive, listenForever, SERVICE_ROUTES } from "@cakupan/kit";
import type { Logger } from "@cakupan/observability";
import type { Express, Response } from "express";
import type { DataSource, EntityManager } from "typeorm";

/**
 * "A regency's coverage changed": PostgreSQL NOTIFY on commit of a report, so every instance of this
 * subgraph hears every change; served as a Server-Sent Events stream at GET /events. Events carry
 * codes only: clients fetch the figures through the gateway, with their own credentials. A regencyCode of
 * "*" means "anything may have changed": sent after any gap in listening, so every client refetches.
 * A `heartbeat` event every LIVE_HEARTBEAT_MS (15 s) says the chain from PostgreSQL is listening now; while
 * it is not, only keep-alive comments flow, and clients can tell their live figures may be stale.
 */
export const COVERAGE_CHANNEL = "coverage_changed";
export const REFETCH_ALL = JSON.stringify({ regencyCode: "*" });

/** Inside the writing transaction: delivered when, and only if, it commits. */
export async function notifyCoverageChanged(
  manager: EntityManager,
  regencyCode: string,
  asOf: string,
): Promise<void> {
  await manager.query("SELECT pg_notify($1, $2)", [COVERAGE_CHANNEL, JSON.stringify({ regencyCode, asOf })]);
}

export async function coverageEventRoutes(
  app: Express,
  dataSource: DataSource,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  const clients = new Set<Response>();
  const heartbeatMs = envPositive("LIVE_HEARTBEAT_MS") ?? 15_000;
  const broadcast = (text: string) => {
    for (const response of clients) response.write(text);
  };
  const listener = listenForever({
    url: (dataSource.options as { url?: string }).url,
    channel: COVERAGE_CHANNEL,
    name: "participants-events",
    log,
    onNotification: (payload) => broadcast(`event: coverage\ndata: ${payload}\n\n`),
    onListening: (again) => {
      if (again) broadcast(`event: coverage\ndata: ${REFETCH_ALL}\n\n`);
    },
    // The heartbeat follows a check of the LISTEN connection itself, so it means "listening now".
    checkEveryMs: heartbeatMs,
    onChecked: (answered) =>
      broadcast(
        answered
          ? `event: heartbeat\ndata: ${JSON.stringify({ intervalMs: heartbeatMs })}\n\n`
          : ": keep-alive (not listening to PostgreSQL)\n\n",
      ),
  });

  app.get(SERVICE_ROUTES.events, (request, response) => {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    response.write(": coverage events\n\n");
    if (listener.listening())
      response.write(`event: heartbeat\ndata: ${JSON.stringify({ intervalMs: heartbeatMs })}\n\n`);
    clients.add(response);
    request.on("close", () => clients.delete(response));
  });

  return {
    close: async () => {
      for (const client of clients) client.end();
      clients.clear();
      await listener.close();
    },
  };
}

import type { Express, Response } from "express";
import { Client } from "pg";
import type { DataSource, EntityManager } from "typeorm";

/**
 * "A regency's coverage changed": PostgreSQL NOTIFY on commit of a report, so every instance of this
 * subgraph hears every change; served as a Server-Sent Events stream at GET /events. Events carry
 * codes only: clients fetch the figures through the gateway, with their own credentials.
 */
export const COVERAGE_CHANNEL = "coverage_changed";

/** Inside the writing transaction: delivered when, and only if, it commits. */
export async function notifyCoverageChanged(manager: EntityManager, regencyCode: string, asOf: string): Promise<void> {
  await manager.query("SELECT pg_notify($1, $2)", [COVERAGE_CHANNEL, JSON.stringify({ regencyCode, asOf })]);
}

export async function coverageEventRoutes(app: Express, dataSource: DataSource): Promise<{ close(): Promise<void> }> {
  const clients = new Set<Response>();
  const options = dataSource.options as { url?: string };
  const listener = new Client({ connectionString: options.url, application_name: "cakupan-participants-events" });
  await listener.connect();
  await listener.query(`LISTEN ${COVERAGE_CHANNEL}`);
  listener.on("notification", (message) => {
    for (const client of clients) client.write(`event: coverage\ndata: ${message.payload}\n\n`);
  });
  // Proxies close idle streams; a comment every 25 s keeps them open.
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(": keep-alive\n\n");
  }, 25_000);

  app.get("/events", (request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    response.write(": coverage events\n\n");
    clients.add(response);
    request.on("close", () => clients.delete(response));
  });

  return {
    close: async () => {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      await listener.end();
    },
  };
}

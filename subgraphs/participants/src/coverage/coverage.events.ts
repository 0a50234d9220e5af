import { SERVICE_ROUTES } from "@cakupan/kit";
import type { Express, Response } from "express";
import { Client } from "pg";
import type { DataSource, EntityManager } from "typeorm";

/**
 * "A regency's coverage changed": PostgreSQL NOTIFY on commit of a report, so every instance of this
 * subgraph hears every change; served as a Server-Sent Events stream at GET /events. Events carry
 * codes only: clients fetch the figures through the gateway, with their own credentials. A regencyCode of
 * "*" means "anything may have changed".
 */
export const COVERAGE_CHANNEL = "coverage_changed";

/** Inside the writing transaction: delivered when, and only if, it commits. */
export async function notifyCoverageChanged(manager: EntityManager, regencyCode: string, asOf: string): Promise<void> {
  await manager.query("SELECT pg_notify($1, $2)", [COVERAGE_CHANNEL, JSON.stringify({ regencyCode, asOf })]);
}

export async function coverageEventRoutes(app: Express, dataSource: DataSource): Promise<{ close(): Promise<void> }> {
  const clients = new Set<Response>();
  const options = dataSource.options as { url?: string };
  let listener: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  // A dedicated connection LISTENs; if PostgreSQL drops it (restart, failover), it reconnects, and clients
  // are told to refetch everything, since changes may have been missed meanwhile.
  const listen = async (): Promise<void> => {
    const client = new Client({ connectionString: options.url, application_name: "cakupan-participants-events" });
    client.on("error", () => reconnect(client));
    client.on("end", () => reconnect(client));
    client.on("notification", (message) => {
      for (const response of clients) response.write(`event: coverage\ndata: ${message.payload}\n\n`);
    });
    await client.connect();
    await client.query(`LISTEN ${COVERAGE_CHANNEL}`);
    listener = client;
  };
  const reconnect = (client: Client) => {
    if (closed || listener !== client) return;
    listener = undefined;
    retry = setTimeout(() => {
      listen().then(
        () => {
          for (const response of clients) response.write(`event: coverage\ndata: ${JSON.stringify({ regencyCode: "*" })}\n\n`);
        },
        () => reconnect(client),
      );
    }, 1000);
  };
  await listen();
  // Proxies close idle streams; a comment every 25 s keeps them open.
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(": keep-alive\n\n");
  }, 25_000);

  app.get(SERVICE_ROUTES.events, (request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    response.write(": coverage events\n\n");
    clients.add(response);
    request.on("close", () => clients.delete(response));
  });

  return {
    close: async () => {
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
      for (const client of clients) client.end();
      clients.clear();
      await listener?.end();
    },
  };
}

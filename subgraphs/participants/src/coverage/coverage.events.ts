import { envPositive, SERVICE_ROUTES } from "@cakupan/kit";
import type { Logger } from "@cakupan/observability";
import type { Express, Response } from "express";
import { Client } from "pg";
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

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 1000;

export async function coverageEventRoutes(
  app: Express,
  dataSource: DataSource,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  const clients = new Set<Response>();
  const { url } = dataSource.options as { url?: string };
  const heartbeatMs = envPositive("LIVE_HEARTBEAT_MS") ?? 15_000;
  let listener: Client | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  const broadcast = (text: string) => {
    for (const response of clients) response.write(text);
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });

  /** A dedicated connection LISTENs for as long as the service runs: after a drop it reconnects, for ever. */
  const keepListening = async () => {
    let listenedBefore = false;
    let failures = 0;
    while (!closed) {
      const client = new Client({ connectionString: url, application_name: "cakupan-participants-events" });
      const ended = new Promise<void>((resolve) => client.once("end", resolve));
      client.on("error", (error) => log.warn({ err: error }, "coverage events: LISTEN connection failed"));
      client.on("notification", (message) => broadcast(`event: coverage\ndata: ${message.payload}\n\n`));
      try {
        await client.connect();
        await client.query(`LISTEN ${COVERAGE_CHANNEL}`);
      } catch (error) {
        await client.end().catch(() => {});
        const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** failures);
        if (failures % 10 === 0)
          log.warn({ err: error, retryInMs: delay }, "coverage events: cannot LISTEN; retrying");
        failures += 1;
        await sleep(delay);
        continue;
      }
      listener = client;
      if (listenedBefore) {
        log.info(
          { afterFailures: failures },
          "coverage events: listening again; clients told to refetch everything",
        );
        broadcast(`event: coverage\ndata: ${REFETCH_ALL}\n\n`);
      }
      listenedBefore = true;
      failures = 0;
      await ended;
      listener = undefined;
      if (!closed) log.warn("coverage events: LISTEN connection lost; reconnecting");
    }
  };
  const listening = keepListening();

  // The heartbeat asks the LISTEN connection itself, so a half-dead connection is found and replaced.
  const heartbeat = setInterval(() => {
    const current = listener;
    if (!current) return broadcast(": keep-alive (not listening to PostgreSQL)\n\n");
    const check = current.query("SELECT 1");
    const late = new Promise((_, reject) =>
      setTimeout(() => reject(new Error("no answer in 5 s")), 5000).unref(),
    );
    Promise.race([check, late]).then(
      () => broadcast(`event: heartbeat\ndata: ${JSON.stringify({ intervalMs: heartbeatMs })}\n\n`),
      (error: Error) => {
        log.warn({ err: error }, "coverage events: LISTEN connection does not answer; replacing it");
        (
          current as unknown as { connection?: { stream?: { destroy(): void } } }
        ).connection?.stream?.destroy();
        current.end().catch(() => {});
      },
    );
  }, heartbeatMs);

  app.get(SERVICE_ROUTES.events, (request, response) => {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    response.write(": coverage events\n\n");
    if (listener)
      response.write(`event: heartbeat\ndata: ${JSON.stringify({ intervalMs: heartbeatMs })}\n\n`);
    clients.add(response);
    request.on("close", () => clients.delete(response));
  });

  return {
    close: async () => {
      closed = true;
      clearInterval(heartbeat);
      wake?.();
      for (const client of clients) client.end();
      clients.clear();
      await listener?.end().catch(() => {});
      await listening;
    },
  };
}

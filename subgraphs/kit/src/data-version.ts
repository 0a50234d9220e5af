import type { ApolloServerPlugin } from "@apollo/server";
import { SERVICE_ROUTES } from "@cakupan/core";
import type { Logger } from "@cakupan/observability";
import type { Express, Response } from "express";
import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";
import { listenForever } from "./pg-listener";

/** Where every write to a subgraph's tables is announced, on commit (one notification per transaction). */
export const DATA_VERSION_CHANNEL = "data_version";
/** How often a version stream says the chain from PostgreSQL is still listening. */
export const VERSION_STREAM_LIVE_MS = 1000;

/**
 * A subgraph's data version: a counter every write to its tables bumps, in the writing transaction, so it
 * changes exactly when a change becomes visible (whoever writes: the service, a CLI, plain SQL). The gateway
 * reads it to know whether a cached answer still holds; a cache keyed by it can never serve a stale figure.
 */
export function dataVersionMigration(timestamp: number, tables: string[]): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `DataVersion${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(
        "CREATE TABLE data_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), version bigint NOT NULL)",
      );
      await queryRunner.query("INSERT INTO data_version (version) VALUES (1)");
      await queryRunner.query(`CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE data_version SET version = version + 1; RETURN NULL; END $$`);
      for (const table of tables) {
        await queryRunner.query(`CREATE TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`);
      }
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const table of tables) await queryRunner.query(`DROP TRIGGER ${table}_data_version ON ${table}`);
      await queryRunner.query("DROP FUNCTION bump_data_version()");
      await queryRunner.query("DROP TABLE data_version");
    }
  };
}

/**
 * The version counter also announces itself: NOTIFY in the bumping transaction, delivered when it commits, so
 * a gateway told of it never learns of a change before it is visible. No payload, so a transaction that
 * writes many times sends one notification.
 */
export function dataVersionNotifyMigration(timestamp: number): new () => MigrationInterface {
  const bump = (
    notify: boolean,
  ) => `CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE data_version SET version = version + 1;${notify ? ` PERFORM pg_notify('${DATA_VERSION_CHANNEL}', '');` : ""} RETURN NULL; END $$`;
  return class implements MigrationInterface {
    name = `DataVersionNotify${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(bump(true));
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(bump(false));
    }
  };
}

interface VersionReading {
  version: string;
  position?: string;
}

async function readVersion(dataSource: DataSource): Promise<VersionReading> {
  // Past the TypeORM logger (it is not the subgraph's work), always on the primary.
  const driver = dataSource.driver as unknown as {
    master: { query(sql: string): Promise<{ rows: { version: string; position: string }[] }> };
  };
  const { rows } = await driver.master.query(
    "SELECT version, pg_current_wal_insert_lsn()::text AS position FROM data_version",
  );
  return { version: rows[0]?.version ?? "0", position: rows[0]?.position };
}

/**
 * GET /version: the current data version, with the primary's WAL position at that moment: the gateway asks
 * for answers it will keep under this version to be read at or after that position (see read-replica.ts).
 *
 * GET /version/stream: the same as Server-Sent Events, pushed on every change (`version` events) for as long
 * as this subgraph LISTENs to its database, and a `live` event every VERSION_STREAM_LIVE_MS after the LISTEN
 * connection answered. A gateway holding the stream need not ask before each answer; when the chain breaks
 * (the connection to PostgreSQL lost, or not answering) every stream is ended, and while it is broken a new
 * one is refused (503), so a gateway falls back to asking GET /version.
 */
export interface DataVersionRoutes {
  /** Reads the version now and pushes it to every stream if it changed; resolves once it has. */
  announce(): Promise<void>;
  close(): Promise<void>;
}

export function dataVersionRoutes(app: Express, dataSource: DataSource, log: Logger): DataVersionRoutes {
  const streams = new Set<Response>();
  let latest: VersionReading | undefined;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  const send = (response: Response, event: string, data: unknown) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const endStreams = () => {
    for (const response of streams) response.end();
    streams.clear();
    latest = undefined;
  };
  /** One read at a time; notifications arriving meanwhile are answered by one more read after it. */
  const refresh = () => {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        const current = await readVersion(dataSource);
        if (current.version !== latest?.version) {
          latest = current;
          for (const response of streams) send(response, "version", current);
        }
      } while (readAgain);
    })()
      .catch((error: Error) => {
        log.warn({ err: error }, "data version: cannot read it; version streams ended");
        endStreams();
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const { url, applicationName } = dataSource.options as { url?: string; applicationName?: string };
  const listener = listenForever({
    url,
    channel: DATA_VERSION_CHANNEL,
    name: `${applicationName ?? "subgraph"}-data-version`,
    log,
    onNotification: () => void refresh(),
    onListening: () => void refresh(),
    onLost: endStreams,
    checkEveryMs: VERSION_STREAM_LIVE_MS,
    onChecked: (answered) => {
      if (!answered) return endStreams();
      for (const response of streams) response.write("event: live\ndata: {}\n\n");
    },
  });

  app.get(SERVICE_ROUTES.version, async (_request, response) => {
    try {
      response.set("cache-control", "no-store").json(await readVersion(dataSource));
    } catch (error) {
      response.status(503).json({ error: (error as Error).message });
    }
  });
  app.get(SERVICE_ROUTES.versionStream, async (request, response) => {
    if (!listener.listening()) {
      response.status(503).json({ error: "not listening to the database's changes: read GET /version" });
      return;
    }
    if (!latest) await refresh();
    if (!latest || !listener.listening()) {
      response.status(503).json({ error: "the data version cannot be read now: read GET /version" });
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    send(response, "version", latest);
    streams.add(response);
    request.on("close", () => streams.delete(response));
  });
  return {
    announce: refresh,
    close: async () => {
      endStreams();
      await listener.close();
    },
  };
}

/**
 * A mutation's answer leaves only after its new data version has been pushed to every version stream: a
 * gateway hears of the write before its writer can ask again, even one written straight to this subgraph.
 * (A change made in the database by hand reaches the streams by its notification, moments after commit.)
 */
export function announceWrites(versions: Pick<DataVersionRoutes, "announce">): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === "mutation") await versions.announce();
        },
      };
    },
  };
}

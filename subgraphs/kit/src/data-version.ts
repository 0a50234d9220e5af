import { SERVICE_ROUTES } from "@cakupan/core";
import type { Express } from "express";
import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";

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
 * GET /version: the current data version, read past the TypeORM logger (it is not the subgraph's work), always
 * on the primary, with the primary's WAL position at that moment: the gateway asks for answers it will
 * keep under this version to be read at or after that position (see read-replica.ts).
 */
export function dataVersionRoute(app: Express, dataSource: DataSource): void {
  app.get(SERVICE_ROUTES.version, async (_request, response) => {
    try {
      const driver = dataSource.driver as unknown as {
        master: { query(sql: string): Promise<{ rows: { version: string; position: string }[] }> };
      };
      const { rows } = await driver.master.query(
        "SELECT version, pg_current_wal_insert_lsn()::text AS position FROM data_version",
      );
      response
        .set("cache-control", "no-store")
        .json({ version: rows[0]?.version ?? "0", position: rows[0]?.position });
    } catch (error) {
      response.status(503).json({ error: (error as Error).message });
    }
  });
}

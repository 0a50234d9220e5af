import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createReplicatedDataSource, readRows } from "../src/data-source";
import { createRunDatabase, dropDatabase, runDatabaseName } from "../../../test/support/databases";

/**
 * Two databases stand in for a primary and its streaming replica, each answering which one it is: where a
 * read went is then plain to see, with no replication lag to wait for.
 */
describe("raw reads of a data source with a read replica", () => {
  const server = inject("serverUrl");
  const names = {
    primary: runDatabaseName("readrows_primary", inject("runId")),
    replica: runDatabaseName("readrows_replica", inject("runId")),
  };
  let dataSource: ReturnType<typeof createReplicatedDataSource>;

  beforeAll(async () => {
    const [primaryUrl, replicaUrl] = [
      await createRunDatabase(server, names.primary),
      await createRunDatabase(server, names.replica),
    ];
    dataSource = createReplicatedDataSource({ url: primaryUrl, readUrl: replicaUrl, entities: [] });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    for (const name of Object.values(names)) await dropDatabase(server, name);
  });

  it("go to the replica, where TypeORM's own query() goes to the primary", async () => {
    const [fromReadRows] = await readRows<{ database: string }>(
      dataSource,
      "SELECT current_database() AS database",
    );
    const [fromQuery] = (await dataSource.query("SELECT current_database() AS database")) as {
      database: string;
    }[];
    expect([fromReadRows.database, fromQuery.database]).toEqual([names.replica, names.primary]);
  });

  it("pass their parameters", async () => {
    expect(await readRows(dataSource, "SELECT $1::int + 1 AS next", [41])).toEqual([{ next: 42 }]);
  });
});

import { openDataSource } from "@cakupan/kit";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { regenciesSubgraph, seedRegencies, silentProgress } from "../src";
import { createRunDatabase, dropDatabase, runDatabaseName } from "../../../test/support/databases";

const COUNTS = `SELECT (SELECT count(*) FROM province)::int AS provinces, (SELECT count(*) FROM regency)::int AS regencies,
  (SELECT count(*) FROM district)::int AS districts, (SELECT count(*) FROM village)::int AS villages,
  (SELECT count(*) FROM regency_alias)::int AS aliases, (SELECT count(*) FROM official)::int AS officials,
  (SELECT count(*) FROM workforce_estimate)::int AS estimates, (SELECT count(*) FROM source)::int AS sources`;

describe("seeding the regencies database", () => {
  const name = runDatabaseName("regencies_seed", inject("runId"));
  let db: DataSource;
  beforeAll(async () => {
    db = await openDataSource(regenciesSubgraph, await createRunDatabase(inject("serverUrl"), name));
    await db.runMigrations();
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(inject("serverUrl"), name);
  });

  it("loads all of idn-area-data: 38 provinces, 514 regencies, 7,285 districts, 83,762 villages", async () => {
    const result = await seedRegencies(db, silentProgress);
    expect(result.skipped).toBe(false);
    const [counts] = await db.query(COUNTS);
    expect(counts).toMatchObject({ provinces: 38, regencies: 514, districts: 7285, villages: 83762 });
  });

  it("changes nothing when run again", async () => {
    const [before] = await db.query(COUNTS);
    const result = await seedRegencies(db, silentProgress);
    const [after] = await db.query(COUNTS);
    expect(result.skipped).toBe(true);
    expect(after).toEqual(before);
  });

  it("puts back a village name edited by hand on a forced reload, without duplicating anything", async () => {
    await db.query(`UPDATE village SET name = 'edited' WHERE code = '16.06.01.1009'`);
    await db.query(`DELETE FROM dataset_load`);
    const [before] = await db.query(COUNTS);
    await seedRegencies(db, silentProgress);
    const [after] = await db.query(COUNTS);
    const [village] = await db.query(`SELECT name FROM village WHERE code = '16.06.01.1009'`);
    expect(village.name).toBe("Kayu Ara");
    expect(after).toEqual(before);
  });

  it("derives each regency's kind and short name from its official name", async () => {
    const rows = await db.query(
      `SELECT code, short_name, kind FROM regency WHERE code IN ('16.06', '16.71', '31.01') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: "16.06", short_name: "Musi Banyuasin", kind: "KABUPATEN" },
      { code: "16.71", short_name: "Palembang", kind: "KOTA" },
      { code: "31.01", short_name: "Kepulauan Seribu", kind: "KABUPATEN" },
    ]);
  });
});

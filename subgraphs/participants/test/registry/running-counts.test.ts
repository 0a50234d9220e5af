import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwarded } from "../../../../test/support/auth";
import { data } from "../../../../test/support/graphql";
import {
  ownParticipantsDatabase,
  startParticipants,
  type TestSubgraph,
} from "../../../../test/support/servers";
import { requireNikKeys } from "../../src/registry/nik-crypto";
import { importParticipantCsv } from "../../src/registry/participant-import-stream";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "../../src/registry/synthetic";

/**
 * participant_counts, the running counts behind the aggregates, equal a recount of the participants after
 * every kind of write: an import (which applies its counts once, at its end, not per chunk), an import that
 * updates and adds, a plain update, a transfer, and a transaction that defers its counts and commits without
 * applying them.
 */
// The subgraph's own keys (set by the test support): a NIK imported here is the one it transfers.
const keys = () => requireNikKeys();
let participants: TestSubgraph;
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  database = await ownParticipantsDatabase("running-counts");
  participants = await startParticipants(database.url);
});
afterAll(async () => {
  await participants.server.stop();
  await database.drop();
});

const SCOPES = ["regency_code", "district_code", "village_code"];
const DIMENSIONS: [string, string][] = [
  ["total", "''"],
  ["byVillage", "village_code"],
  ["byDistrict", "district_code"],
  ["byOccupation", "occupation"],
  ["byFunding", "funding"],
  ["byEnrolmentMonth", "to_char(enrolled_on, 'YYYY-MM')"],
];
const RECOUNT = SCOPES.flatMap((scope) =>
  DIMENSIONS.map(
    ([dimension, key]) => `
  SELECT '${scope}' AS scope, ${scope} AS area, '${dimension}' AS dimension, ${key} AS key, count(*)::int AS enrolled,
         (count(*) FILTER (WHERE status = 'ACTIVE'))::int AS active, (count(*) FILTER (WHERE synthetic))::int AS synthetic,
         coalesce(sum(monthly_contribution) FILTER (WHERE status = 'ACTIVE'), 0)::text AS monthly_cost
  FROM participant GROUP BY ${scope}${key === "''" ? "" : `, ${key}`}`,
  ),
).join(" UNION ALL ");

const ORDER = "ORDER BY scope, area, dimension, key";
const recount = () => participants.dataSource.query(`SELECT * FROM (${RECOUNT}) r ${ORDER}`);
/** The running counts, leaving out groups every participant has left. */
const runningCounts = () =>
  participants.dataSource.query(
    `SELECT scope, area, dimension, key, enrolled::int, active::int, synthetic::int, monthly_cost::text
     FROM participant_counts WHERE (enrolled, active, synthetic, monthly_cost) <> (0, 0, 0, 0) ${ORDER}`,
  );
const expectCountsExact = async () => {
  const expected = await recount();
  expect(expected.length).toBeGreaterThan(0);
  expect(await runningCounts()).toEqual(expected);
};

const fileOf = (rows: string[][]) => [SYNTHETIC_HEADER.join(","), ...rows.map(csvLine)].join("\n");
const rows = [...syntheticRows("16.06", 25_000, 21)];

describe("the running counts behind the aggregates", () => {
  it("equal a recount after an import of several chunks", async () => {
    const outcome = await importParticipantCsv(participants.dataSource, fileOf(rows), "16.06", keys());
    expect(outcome.stored).toMatchObject({ inserted: 25_000 });
    await expectCountsExact();
  });

  it("equal a recount after an import that changes known workers and adds new ones", async () => {
    const changed = rows.slice(0, 12_000).map((row, i) => {
      const copy = [...row];
      if (i % 3 === 0) copy[10] = "nonaktif";
      if (i % 3 === 1) copy[4] = rows[(i + 7) % rows.length][4];
      return copy;
    });
    const known = new Set(rows.map((row) => row[0]));
    const fresh = [...syntheticRows("16.06", 5_000, 22)].filter((row) => !known.has(row[0]));
    const outcome = await importParticipantCsv(
      participants.dataSource,
      fileOf([...changed, ...fresh]),
      "16.06",
      keys(),
    );
    expect(outcome.stored?.updated).toBeGreaterThan(0);
    expect(outcome.stored?.inserted).toBeGreaterThan(0);
    await expectCountsExact();
  });

  it("equal a recount after an import through the API, in one statement", async () => {
    const more = [...syntheticRows("16.06", 2_000, 23)];
    const { importParticipants } = await data(
      participants.server.url,
      `mutation($csv: String!) { importParticipants(regencyCode: "16.06", csv: $csv, dryRun: false) { stored inserted } }`,
      { csv: fileOf(more) },
      await forwarded("operator", ["16.06"], "operator-16.06"),
    );
    expect(importParticipants.stored).toBe(true);
    await expectCountsExact();
  });

  it("equal a recount after a plain update outside any import", async () => {
    await participants.dataSource.query(
      "UPDATE participant SET status = 'NON_ACTIVE', monthly_contribution = monthly_contribution + 100 WHERE id % 5 = 0",
    );
    await expectCountsExact();
  });

  it("equal a recount after a transfer to another regency", async () => {
    const { transferParticipant } = await data(
      participants.server.url,
      `mutation($nik: String!, $village: ID!) { transferParticipant(nik: $nik, villageCode: $village, reason: "pindah domisili") { regency { code } } }`,
      { nik: rows[1][0], village: [...syntheticRows("16.10", 1, 25)][0][4] },
      await forwarded("admin", [], "admin-counts"),
    );
    expect(transferParticipant).toEqual({ regency: { code: "16.10" } });
    await expectCountsExact();
  });

  it("are applied at the commit of a transaction that deferred them and never applied them", async () => {
    await participants.dataSource.transaction(async (manager) => {
      await manager.query("SELECT participant_counts_defer()");
      await manager.query("UPDATE participant SET status = 'ACTIVE' WHERE id % 7 = 0");
      await manager.query("DELETE FROM participant_status_history WHERE participant_id % 11 = 0");
      await manager.query("DELETE FROM participant WHERE id % 11 = 0");
    });
    await expectCountsExact();
    const [{ deferring }] = await participants.dataSource.query(
      "SELECT count(*)::int AS deferring FROM participant_counts_deferral",
    );
    expect(deferring).toBe(0);
  });

  it("are left as they were by an import rolled back for a bad row", async () => {
    const before = await runningCounts();
    const broken = [...syntheticRows("16.06", 25_000, 24)].map((row, i) => {
      if (i !== 24_000) return row;
      const copy = [...row];
      copy[6] = "JHT";
      return copy;
    });
    const outcome = await importParticipantCsv(participants.dataSource, fileOf(broken), "16.06", keys());
    expect(outcome.stored).toBeNull();
    expect(await runningCounts()).toEqual(before);
    await expectCountsExact();
  });
});

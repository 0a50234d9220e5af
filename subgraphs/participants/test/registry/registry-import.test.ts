import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwarded } from "../../../../test/support/auth";
import { data } from "../../../../test/support/graphql";
import {
  ownParticipantsDatabase,
  startParticipants,
  type TestSubgraph,
} from "../../../../test/support/servers";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "../../src/registry/synthetic";

let participants: TestSubgraph;
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  database = await ownParticipantsDatabase("registry");
  participants = await startParticipants(database.url);
});
afterAll(async () => {
  await participants.server.stop();
  await database.drop();
});

const IMPORT = `mutation($regency: ID!, $csv: String!, $dryRun: Boolean!) {
  importParticipants(regencyCode: $regency, csv: $csv, dryRun: $dryRun) {
    rows valid stored inserted updated unchanged problems { line column message } warnings { line column message }
  } }`;

const operator = () => forwarded("operator", ["16.06"], "operator-16.06");
const importCsv = async (csv: string, dryRun = false, regency = "16.06") =>
  (await data(participants.server.url, IMPORT, { regency, csv, dryRun }, await operator()))
    .importParticipants;
const count = async () =>
  (await participants.dataSource.query("SELECT count(*)::int AS n FROM participant"))[0].n as number;
const fileOf = (rows: string[][]) => [SYNTHETIC_HEADER.join(","), ...rows.map(csvLine)].join("\n");

describe("importing a labour office's list", () => {
  const rows = [...syntheticRows("16.06", 10_000, 7)];
  const BAD_LINES = new Set(Array.from({ length: 50 }, (_, i) => 3 + i * 199));
  const planted = rows.map((row, i) => {
    const line = i + 2;
    if (!BAD_LINES.has(line)) return row;
    const broken = [...row];
    // five kinds of mistakes, ten of each
    switch (i % 5) {
      case 0:
        broken[0] = broken[0].slice(0, 15);
        break;
      case 1:
        broken[4] = "16.10.01.2001";
        break;
      case 2:
        broken[8] = "10000";
        break;
      case 3:
        broken[9] = "31/02/2024";
        break;
      default:
        broken[6] = "JHT";
        break;
    }
    return broken;
  });

  it("reports exactly the 50 planted bad rows, each with its line and column, and stores nothing", async () => {
    const report = await importCsv(fileOf(planted));
    expect(report).toMatchObject({ rows: 10_000, valid: 9_950, stored: false, inserted: 0 });
    expect(new Set(report.problems.map((p: { line: number }) => p.line))).toEqual(BAD_LINES);
    expect(report.problems).toHaveLength(50);
    expect(new Set(report.problems.map((p: { column: string }) => p.column))).toEqual(
      new Set(["nik", "kode_desa", "iuran", "tanggal_daftar", "program"]),
    );
    expect(await count()).toBe(0);
  });

  it("checks a clean file in a dry run without storing it", async () => {
    const report = await importCsv(fileOf(rows), true);
    expect(report).toMatchObject({ rows: 10_000, valid: 10_000, stored: false, inserted: 0, problems: [] });
    expect(await count()).toBe(0);
  });

  it("stores all 10,000 rows of the fixed file", async () => {
    const report = await importCsv(fileOf(rows));
    expect(report).toMatchObject({ stored: true, inserted: 10_000, updated: 0, unchanged: 0, problems: [] });
    expect(await count()).toBe(10_000);
  });

  it("stores none new when the same file comes again", async () => {
    const report = await importCsv(fileOf(rows));
    expect(report).toMatchObject({ stored: true, inserted: 0, updated: 0, unchanged: 10_000 });
    expect(await count()).toBe(10_000);
  });

  it("updates a person whose NIK is registered, never adding a second record, and keeps the status history", async () => {
    const first = [...rows[0]];
    first[10] = first[10] === "aktif" ? "nonaktif" : "aktif";
    const report = await importCsv(fileOf([first]));
    expect(report).toMatchObject({ inserted: 0, updated: 1 });
    expect(await count()).toBe(10_000);
    const [{ changes }] = await participants.dataSource.query(
      "SELECT count(*)::int AS changes FROM participant_status_history h JOIN participant p ON p.id = h.participant_id WHERE p.nik_masked = $1",
      [`${first[0].slice(0, 6)}********${first[0].slice(14)}`],
    );
    expect(changes).toBeGreaterThanOrEqual(2);
  });

  it("stores a file mixing new and registered NIKs: the new with their first status, the registered updated", async () => {
    const registered = new Set(rows.map((row) => row[0]));
    const fresh = [...syntheticRows("16.06", 20, 123)].filter((row) => !registered.has(row[0])).slice(0, 2);
    const second = [...rows[1]];
    second[10] = second[10] === "aktif" ? "nonaktif" : "aktif";
    const before = await count();
    const report = await importCsv(fileOf([fresh[0], second, fresh[1]]));
    expect(report).toMatchObject({ stored: true, inserted: 2, updated: 1, unchanged: 0 });
    expect(await count()).toBe(before + 2);
    const [{ withoutFirstStatus }] = await participants.dataSource.query(
      `SELECT count(*)::int AS "withoutFirstStatus" FROM participant p WHERE NOT EXISTS (
         SELECT FROM participant_status_history h WHERE h.participant_id = p.id AND h.since = p.enrolled_on)`,
    );
    expect(withoutFirstStatus).toBe(0);
  });

  it("lets overlapping imports run at once without a duplicate", async () => {
    const more = [...syntheticRows("16.06", 3_000, 99)];
    const a = fileOf(more.slice(0, 2_000));
    const b = fileOf(more.slice(1_000));
    const registered = new Set(rows.map((row) => row[0]));
    const fresh = new Set(more.map((row) => row[0]).filter((nik) => !registered.has(nik))).size;
    const before = await count();
    const [ra, rb] = await Promise.all([importCsv(a), importCsv(b)]);
    expect(ra.stored && rb.stored).toBe(true);
    expect(await count()).toBe(before + fresh);
    expect(ra.inserted + rb.inserted).toBe(fresh);
    const [{ duplicates }] = await participants.dataSource.query(
      "SELECT count(*)::int AS duplicates FROM (SELECT nik_hash FROM participant GROUP BY nik_hash HAVING count(*) > 1) d",
    );
    expect(duplicates).toBe(0);
  });

  it("keeps the running counts behind the aggregates equal to a recount of the rows, after inserts and updates", async () => {
    const recount = await participants.dataSource.query(
      `SELECT village_code AS key, count(*)::int AS enrolled, count(*) FILTER (WHERE status = 'ACTIVE')::int AS active,
              coalesce(sum(monthly_contribution) FILTER (WHERE status = 'ACTIVE'), 0)::bigint::text AS cost
       FROM participant WHERE regency_code = '16.06' GROUP BY village_code ORDER BY village_code`,
    );
    const counts = await participants.dataSource.query(
      `SELECT key, enrolled::int, active::int, monthly_cost::text AS cost FROM participant_counts
       WHERE scope = 'regency_code' AND area = '16.06' AND dimension = 'byVillage' AND enrolled > 0 ORDER BY key`,
    );
    expect(counts).toEqual(recount);
    await participants.dataSource.query(
      "DELETE FROM participant_status_history WHERE participant_id IN (SELECT id FROM participant WHERE village_code = $1)",
      [rows[0][4]],
    );
    await participants.dataSource.query("DELETE FROM participant WHERE village_code = $1", [rows[0][4]]);
    const [gone] = await participants.dataSource.query(
      "SELECT coalesce(sum(enrolled), 0)::int AS n FROM participant_counts WHERE scope = 'village_code' AND area = $1 AND dimension = 'total'",
      [rows[0][4]],
    );
    expect(gone.n).toBe(0);
  });

  it("reports a NIK twice in one file on its second line", async () => {
    const report = await importCsv(fileOf([rows[1], rows[2], rows[1]]), true);
    expect(report.problems).toEqual([
      { line: 4, column: "nik", message: "The same NIK is on line 2: each person once per file." },
    ]);
  });

  it("accepts a NIK issued in another regency, with a warning", async () => {
    const [moved] = [...syntheticRows("16.10", 1, 5)];
    const row = [...moved];
    row[4] = rows[0][4];
    const report = await importCsv(fileOf([row]), true);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([
      { line: 2, column: "nik", message: expect.stringContaining("outside 16.06: accepted (people move)") },
    ]);
  });

  it("checks the sex and birth date a file gives against the NIK", async () => {
    const row = [...rows[0]];
    row[2] = row[2] === "L" ? "P" : "L";
    row[3] = "1999-01-01";
    const report = await importCsv(fileOf([row]), true);
    expect(report.problems.map((p: { column: string }) => p.column)).toEqual([
      "jenis_kelamin",
      "tanggal_lahir",
    ]);
  });

  it("refuses a non-wage worker's contribution below the rule's minimum, Rp16.800 unless configured", async () => {
    const row = [...rows[0]];
    row[8] = "16799";
    const report = await importCsv(fileOf([row]), true);
    expect(report.problems).toEqual([
      {
        line: 2,
        column: "iuran",
        message: expect.stringContaining(
          "below the minimum of Rp16.800 for JKK and JKM (rule MINIMUM_BPU_CONTRIBUTION",
        ),
      },
    ]);
  });

  it("follows RULE_MINIMUM_BPU_CONTRIBUTION when a deployment sets another minimum", async () => {
    process.env.RULE_MINIMUM_BPU_CONTRIBUTION = "20000";
    try {
      const report = await importCsv(fileOf([rows[0]]), true);
      expect(report.problems).toEqual([
        { line: 2, column: "iuran", message: expect.stringContaining("below the minimum of Rp20.000") },
      ]);
    } finally {
      delete process.env.RULE_MINIMUM_BPU_CONTRIBUTION;
    }
  });

  it("names a missing required column and what else it may be called", async () => {
    const report = await importCsv("nik,nama\n1606011503850001,Budi", true);
    expect(report.problems[0]).toEqual({
      line: 1,
      column: "kode_desa",
      message: "The header has no kode_desa column (also accepted: kode_kelurahan, village_code, village).",
    });
  });

  it("refuses an operator of another regency", async () => {
    const response = await fetch(participants.server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await forwarded("operator", ["16.10"])) },
      body: JSON.stringify({
        query: IMPORT,
        variables: { regency: "16.06", csv: fileOf(rows.slice(0, 1)), dryRun: false },
      }),
    });
    expect((await response.json()).errors[0].extensions.code).toBe("FORBIDDEN");
  });
});

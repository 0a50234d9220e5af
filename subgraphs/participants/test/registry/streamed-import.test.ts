import { randomBytes } from "node:crypto";
import { openDataSource } from "@cakupan/kit";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownParticipantsDatabase } from "../../../../test/support/servers";
import { participantsSubgraph } from "../../src/index";
import { importParticipantCsv } from "../../src/registry/participant-import-stream";
import { STORE_CHUNK } from "../../src/registry/participant-store";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "../../src/registry/synthetic";

// Files of 25,000 rows: stored in several chunks (each merge takes the rows checked while the previous one
// ran), so a bad row found late comes after rows already merged in the same transaction.
const keys = { encryption: randomBytes(32), hash: randomBytes(32) };
let database: { url: string; drop(): Promise<void> };
let db: DataSource;
beforeAll(async () => {
  database = await ownParticipantsDatabase("streamed-import");
  db = await openDataSource(participantsSubgraph, database.url);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

const fileOf = (rows: string[][]) => [SYNTHETIC_HEADER.join(","), ...rows.map(csvLine)].join("\n");
const count = async (table = "participant") =>
  (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

describe("an import stored chunk by chunk as the file is read", () => {
  const rows = [...syntheticRows("16.06", 25_000, 11)];
  const [elsewhere] = [...syntheticRows("16.10", 1, 12)];

  it("reports every bad row of every chunk, the last one's too, and stores none of the file", async () => {
    // Lines 20,000 (the second chunk: the first is merged by then), 24,500 and 25,001 (the file's last row,
    // both in the third).
    const bad = new Map([
      [20_000, "NIK_LENGTH"],
      [24_500, "VILLAGE_OUTSIDE_REGENCY"],
      [25_001, "PROGRAM_REQUIRED"],
    ]);
    const planted = rows.map((row, i) => {
      const broken = [...row];
      if (i + 2 === 20_000) broken[0] = broken[0].slice(0, 15);
      if (i + 2 === 24_500) broken[4] = elsewhere[4];
      if (i + 2 === 25_001) broken[6] = "JHT";
      return broken;
    });
    const before = { participants: await count(), history: await count("participant_status_history") };
    let audited = false;
    const outcome = await importParticipantCsv(db, fileOf(planted), "16.06", keys, {
      audit: async () => {
        audited = true;
      },
    });
    expect(outcome.rowCount).toBe(25_000);
    expect(outcome.problems.listed.map((p) => [p.line, p.rule])).toEqual([...bad]);
    expect(outcome.stored).toBeNull();
    expect(audited).toBe(false);
    expect(await count()).toBe(before.participants);
    expect(await count("participant_status_history")).toBe(before.history);
  });

  it("stores a clean file whole and audits it once, with every record's id", async () => {
    const audits: number[] = [];
    const outcome = await importParticipantCsv(db, fileOf(rows), "16.06", keys, {
      audit: async (_manager, stored) => {
        audits.push(stored.ids.length);
      },
    });
    expect(outcome.problems.count).toBe(0);
    expect(outcome.stored).toMatchObject({ inserted: 25_000, updated: 0, unchanged: 0 });
    expect(audits).toEqual([25_000]);
    expect(await count()).toBe(25_000);
    expect(await count("participant_status_history")).toBe(25_000);
  });

  it("rolls back the chunks already merged when a later one holds a NIK registered in another regency", async () => {
    const registered = await importParticipantCsv(db, fileOf([elsewhere]), "16.10", keys);
    expect(registered.stored?.inserted).toBe(1);
    // Known NIKs of this regency changed, new ones added, and on the last line the other regency's worker.
    const fresh = [...syntheticRows("16.06", 30_000, 13)].slice(25_000);
    const file = [
      ...rows.slice(0, 20_000).map((row) => [...row.slice(0, 5), "guru honorer", ...row.slice(6)]),
      ...fresh,
    ];
    const moved = [...elsewhere];
    moved[4] = rows[0][4];
    file.push(moved);
    const before = await db.query(
      "SELECT count(*)::int AS n FROM participant WHERE occupation = 'guru honorer'",
    );
    const outcome = await importParticipantCsv(db, fileOf(file), "16.06", keys);
    expect(outcome.problems.count).toBe(0);
    expect(outcome.registeredElsewhere).toEqual([{ line: file.length + 1, regencyCode: "16.10" }]);
    expect(outcome.stored).toBeNull();
    expect(await count()).toBe(25_001);
    expect(
      await db.query("SELECT count(*)::int AS n FROM participant WHERE occupation = 'guru honorer'"),
    ).toEqual(before);
  });

  it("merges a file in several chunks as it is read, none larger than a merge takes, every row once", async () => {
    const merges: number[] = [];
    let reported = 0;
    const file = fileOf([...syntheticRows("16.06", 25_000, 21)]);
    const outcome = await importParticipantCsv(db, file, "16.06", keys, {
      onProgress: (merged) => {
        merges.push(merged - reported);
        reported = merged;
      },
    });
    expect(outcome.problems.count).toBe(0);
    expect(merges.length).toBeGreaterThan(1);
    expect(Math.max(...merges)).toBeLessThanOrEqual(STORE_CHUNK);
    expect(reported).toBe(25_000);
  });
});

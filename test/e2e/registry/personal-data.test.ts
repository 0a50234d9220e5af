import { beforeAll, describe, expect, it } from "vitest";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "@cakupan/participants";
import { bearer, type SignedInRole } from "../../support/auth";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const rows = [...syntheticRows("16.06", 200, 11)];

const stack = useTestStack({ ownParticipantsDatabase: "personal" });
beforeAll(async () => {
  const csv = [SYNTHETIC_HEADER.join(","), ...rows.map(csvLine)].join("\n");
  const { importParticipants } = await data(
    stack.gateway.url,
    `mutation($csv: String!) { importParticipants(regencyCode: "16.06", csv: $csv) { inserted } }`,
    { csv },
    await bearer("operator", ["16.06"], "importer"),
  );
  expect(importParticipants.inserted).toBe(200);
});

const LIST = `{ regency(code: "16.06") { participants(first: 5) { nodes { id nik nikMasked fullName birthDate sex occupation village { code name } } } } }`;
const auditRows = async (subject: string) =>
  (await stack.subgraphs.participants.dataSource.query(
    "SELECT action, record_ids FROM audit_log WHERE subject = $1 AND action LIKE 'read:%'",
    [subject],
  )) as { action: string; record_ids: string[] }[];

describe("personal data in the registry", () => {
  for (const [name, role, regencies] of [
    ["an anonymous user", null, []],
    ["a planner", "planner", []],
    ["an operator of another regency", "operator", ["16.10"]],
  ] as [string, SignedInRole | null, string[]][]) {
    it(`${name} sees masked NIKs and no names, and leaves no read in the audit log`, async () => {
      const headers = role ? await bearer(role, regencies, `viewer-${name}`) : {};
      const { regency } = await data(stack.gateway.url, LIST, {}, headers);
      expect(regency.participants.nodes).toHaveLength(5);
      for (const person of regency.participants.nodes) {
        expect(person).toMatchObject({ nik: null, fullName: null, birthDate: null });
        expect(person.nikMasked).toMatch(/^1606\d{2}\*{8}\d{2}$/);
        expect(person.village.name).toBeTruthy();
      }
      expect(await auditRows(`viewer-${name}`)).toEqual([]);
    });
  }

  it("the operator of the regency sees NIKs, names and birth dates, and that read is audited", async () => {
    const { regency } = await data(
      stack.gateway.url,
      LIST,
      {},
      await bearer("operator", ["16.06"], "siti@disnaker.muba"),
    );
    const nodes = regency.participants.nodes;
    const niks = new Set(rows.map((row) => row[0]));
    for (const person of nodes) {
      expect(niks.has(person.nik)).toBe(true);
      expect(person.fullName).toBeTruthy();
      expect(person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(person.nikMasked).toBe(`${person.nik.slice(0, 6)}********${person.nik.slice(14)}`);
    }
    expect(await auditRows("siti@disnaker.muba")).toEqual([
      { action: "read:participants", record_ids: nodes.map((n: { id: string }) => n.id) },
    ]);
  });

  it("a NIK is looked up by its keyed hash for the regency's operator, and never stored in the clear", async () => {
    const nik = rows[3][0];
    const { participant } = await data(
      stack.gateway.url,
      `query($nik: String!) { participant(nik: $nik) { nik fullName regency { code } statusHistory { status since } } }`,
      { nik },
      await bearer("operator", ["16.06"]),
    );
    expect(participant).toMatchObject({ nik, fullName: rows[3][1], regency: { code: "16.06" } });
    expect(participant.statusHistory).toHaveLength(1);
    const [{ clear }] = await stack.subgraphs.participants.dataSource.query(
      "SELECT count(*)::int AS clear FROM participant WHERE nik_hash = $1 OR encode(nik_encrypted, 'escape') LIKE '%' || $1 || '%'",
      [nik],
    );
    expect(clear).toBe(0);
  });

  it("an operator of another regency finds no one by NIK", async () => {
    const { participant } = await data(
      stack.gateway.url,
      `query($nik: String!) { participant(nik: $nik) { nik } }`,
      { nik: rows[3][0] },
      await bearer("operator", ["16.10"]),
    );
    expect(participant).toBeNull();
  });
});

describe("registry aggregates for planners", () => {
  it("count enrolled and active workers and their cost by village, district, occupation, funding and month", async () => {
    const { regency } = await data(
      stack.gateway.url,
      `{ regency(code: "16.06") { participantStats { enrolled active synthetic monthlyCost yearlyCost
          byDistrict { key enrolled active } byVillage { key enrolled } byOccupation { key enrolled } byFunding { key enrolled monthlyCost } byEnrolmentMonth { key enrolled } } } }`,
    );
    const stats = regency.participantStats;
    const active = rows.filter((row) => row[10] === "aktif").length;
    // imported as an ordinary file, so not marked synthetic (npm run generate marks its records)
    expect(stats).toMatchObject({
      enrolled: 200,
      active,
      synthetic: 0,
      monthlyCost: active * 16_800,
      yearlyCost: active * 16_800 * 12,
    });
    const sum = (groups: { enrolled: number }[]) => groups.reduce((total, g) => total + g.enrolled, 0);
    for (const grouping of ["byDistrict", "byVillage", "byOccupation", "byFunding", "byEnrolmentMonth"])
      expect(sum(stats[grouping]), grouping).toBe(200);
    const apbd = rows.filter((row) => row[7] === "APBD").length;
    expect(stats.byFunding.find((g: { key: string }) => g.key === "APBD").enrolled).toBe(apbd);
  });

  it("are there for a district and a village too, batched for many", async () => {
    const district = rows[0][4].slice(0, 8);
    const { district: d, village: v } = await data(
      stack.gateway.url,
      `query($d: ID!, $v: ID!) { district(code: $d) { participantStats { enrolled } } village(code: $v) { participantStats { enrolled } } }`,
      { d: district, v: rows[0][4] },
    );
    expect(d.participantStats.enrolled).toBe(rows.filter((row) => row[4].startsWith(district)).length);
    expect(v.participantStats.enrolled).toBe(rows.filter((row) => row[4] === rows[0][4]).length);
  });
});

describe("a page of participants with their status history", () => {
  it("costs the same few statements for 100 participants as for 5", async () => {
    const query = (first: number) =>
      `{ regency(code: "16.06") { participants(first: ${first}) { nodes { nikMasked statusHistory { status since } } } } }`;
    const { participants } = stack.subgraphs;
    participants.sql.reset();
    await data(stack.gateway.url, query(5));
    const forFive = participants.sql.count;
    participants.sql.reset();
    const { regency } = await data(stack.gateway.url, query(100));
    expect(regency.participants.nodes).toHaveLength(100);
    expect(
      regency.participants.nodes.every((n: { statusHistory: unknown[] }) => n.statusHistory.length === 1),
    ).toBe(true);
    expect(participants.sql.count).toBe(forFive);
  });
});

import { todayInJakarta } from "@cakupan/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, graphql } from "../../../../test/support/graphql";
import { forwarded } from "../../../../test/support/auth";
import {
  ownParticipantsDatabase,
  startParticipants,
  type TestSubgraph,
} from "../../../../test/support/servers";

let participants: TestSubgraph;
let database: { url: string; drop(): Promise<void> };
let url: string;
beforeAll(async () => {
  database = await ownParticipantsDatabase("record");
  participants = await startParticipants(database.url);
  url = participants.server.url;
});
afterAll(async () => {
  await participants.server.stop();
  await database.drop();
});

const RECORD = `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) {
  id asOf activeParticipants status regency { code } source { id publisher title } segments { dimension category persons share }
} }`;

const valid = {
  regencyCode: "16.01",
  asOf: "2025-06-30",
  activeParticipants: 50000,
  source: { publisher: "BPJS Ketenagakerjaan Cabang Baturaja", title: "Laporan kepesertaan Juni 2025" },
  parts: [
    { category: "NON_WAGE_EARNER", persons: 20000 },
    { category: "VULNERABLE_WORKER", persons: 12000 },
  ],
};

async function storedCounts() {
  const [row] = await participants.dataSource.query(
    "SELECT (SELECT count(*) FROM coverage_report)::int AS reports, (SELECT count(*) FROM coverage_report_part)::int AS parts, (SELECT count(*) FROM source)::int AS sources",
  );
  return row;
}

async function refused(input: Record<string, unknown>) {
  const before = await storedCounts();
  const result = await graphql(url, RECORD, { input }, await forwarded("admin"));
  const after = await storedCounts();
  return { error: result.errors?.[0], before, after };
}

describe("recordCoverageReport", () => {
  it("stores a report with its parts and source, and answers it", async () => {
    const { recordCoverageReport } = await data(url, RECORD, { input: valid }, await forwarded("admin"));
    expect(recordCoverageReport).toMatchObject({
      asOf: "2025-06-30",
      activeParticipants: 50000,
      status: "REPORTED",
      regency: { code: "16.01" },
      source: { publisher: "BPJS Ketenagakerjaan Cabang Baturaja", title: "Laporan kepesertaan Juni 2025" },
    });
    expect(recordCoverageReport.segments).toEqual([
      { dimension: "SEGMENT", category: "NON_WAGE_EARNER", persons: 20000, share: 0.4 },
      { dimension: "GROUP", category: "VULNERABLE_WORKER", persons: 12000, share: 0.24 },
    ]);
  });

  it("keeps one report when the same regency, date and source are recorded again, with the new figures", async () => {
    const first = await data(url, RECORD, { input: valid }, await forwarded("admin"));
    const before = await storedCounts();
    const again = await data(
      url,
      RECORD,
      { input: { ...valid, activeParticipants: 50500 } },
      await forwarded("admin"),
    );
    expect(again.recordCoverageReport.id).toBe(first.recordCoverageReport.id);
    expect(again.recordCoverageReport.activeParticipants).toBe(50500);
    expect(await storedCounts()).toEqual(before);
  });

  it("records what a report counts and what was inferred, with the reason", async () => {
    const { recordCoverageReport } = await data(
      url,
      `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { measure measureAsPrinted inferred inference } }`,
      {
        input: {
          ...valid,
          asOf: "2025-05-31",
          measure: "REGISTERED",
          measureAsPrinted: "peserta terdaftar",
          inference: "'Mei' with no year, read as May 2025 from the report's cover.",
          parts: [],
        },
      },
      await forwarded("admin"),
    );
    expect(recordCoverageReport).toEqual({
      measure: "REGISTERED",
      measureAsPrinted: "peserta terdaftar",
      inferred: true,
      inference: "'Mei' with no year, read as May 2025 from the report's cover.",
    });
  });

  it("counts a report as ACTIVE and not inferred unless told otherwise", async () => {
    const { recordCoverageReport } = await data(
      url,
      `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { measure inferred inference } }`,
      { input: { ...valid, asOf: "2025-04-30", parts: [] } },
      await forwarded("admin"),
    );
    expect(recordCoverageReport).toEqual({ measure: "ACTIVE", inferred: false, inference: null });
  });

  it("cites a known source by id", async () => {
    const { recordCoverageReport } = await data(
      url,
      RECORD,
      {
        input: { ...valid, asOf: "2025-05-31", source: { id: "seed-003-jpnn-muba-coverage-2025" } },
      },
      await forwarded("admin"),
    );
    expect(recordCoverageReport.source).toMatchObject({
      id: "seed-003-jpnn-muba-coverage-2025",
      publisher: "JPNN.com",
    });
  });

  it("refuses a negative total, naming the field, and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, activeParticipants: -1 });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "activeParticipants" });
    expect(error?.message).toContain("activeParticipants must be 0 or more, got -1");
    expect(after).toEqual(before);
  });

  it("refuses a date in the future and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, asOf: "2099-01-01" });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "asOf" });
    expect(error?.message).toContain(`is in the future (today is ${todayInJakarta()})`);
    expect(after).toEqual(before);
  });

  it("refuses parts of one dimension that add up to more than the total, and stores nothing", async () => {
    const { error, before, after } = await refused({
      ...valid,
      parts: [
        { category: "NON_ASN_STAFF", persons: 30000 },
        { category: "VILLAGE_OFFICIAL", persons: 25000 },
      ],
    });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "parts" });
    expect(error?.message).toContain(
      "The GROUP parts add up to 55,000, more than activeParticipants (50,000)",
    );
    expect(after).toEqual(before);
  });

  it("refuses a well-formed code that names no regency, and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, regencyCode: "16.99" });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "regencyCode" });
    expect(error?.message).toContain('No regency has the code "16.99"');
    expect(after).toEqual(before);
  });

  it("refuses a malformed regency code, and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, regencyCode: "1601" });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "regencyCode" });
    expect(after).toEqual(before);
  });

  it("refuses a report without a source, and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, source: null });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "source" });
    expect(error?.message).toContain("source is required");
    expect(after).toEqual(before);
  });

  it("refuses a source a reader could not find (a publisher alone), and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, source: { publisher: "Someone" } });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "source" });
    expect(after).toEqual(before);
  });

  it("refuses an unknown source id, and stores nothing", async () => {
    const { error, before, after } = await refused({ ...valid, source: { id: "no-such-source" } });
    expect(error?.extensions?.violations).toContainEqual(
      expect.objectContaining({ field: "source.id", rule: "UNKNOWN_SOURCE" }),
    );
    expect(after).toEqual(before);
  });

  it("refuses a claimed gap without the target it is toward", async () => {
    const { error, before, after } = await refused({ ...valid, claimedGap: 1000 });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "claimedGapTarget" });
    expect(after).toEqual(before);
  });

  it("reports every broken rule at once", async () => {
    const { error } = await refused({ ...valid, activeParticipants: -5, asOf: "2099-01-01", source: null });
    expect(error?.extensions?.violations.map((v: { field: string }) => v.field)).toEqual([
      "asOf",
      "activeParticipants",
      "source",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack({ ownParticipantsDatabase: "coverage_import" });

const IMPORT = `mutation($csv: String!, $dryRun: Boolean!) {
  importCoverageReports(csv: $csv, dryRun: $dryRun, source: {
    publisher: "Test fixture: BPJS Ketenagakerjaan Cabang Palembang", title: "Monthly coverage of Ogan Ilir, 2024 (made up for this test)"
  }) { dryRun rows valid reports stored inserted updated unchanged problemCount problems { line column rule message } problemsByRule { rule count } }
}`;

/** Twelve month-end figures of Ogan Ilir (16.10) in 2024, made up for this test; codes with and without the dot. */
const MONTHS = [36000, 36400, 36800, 37300, 37700, 38100, 38600, 39000, 39400, 39900, 40300, 40700];
const clean = () =>
  [
    "kode_kabupaten;posisi;peserta;ukuran;status",
    ...MONTHS.map(
      (persons, i) =>
        `${i % 2 ? "1610" : "16.10"};2024-${String(i + 1).padStart(2, "0")};${persons.toLocaleString("id")};aktif;dilaporkan`,
    ),
  ].join("\n");
/** The same file with two planted errors: a letter O for a zero on line 5, a 13th month on line 9. */
const withErrors = () =>
  clean()
    .split("\n")
    .map((line, i) =>
      i === 4 ? line.replace("37.300", "37.3O0") : i === 8 ? line.replace("2024-08", "2024-13") : line,
    )
    .join("\n");

const importAs = async (csv: string, dryRun: boolean, headers: Record<string, string>) =>
  (await data(stack.url, IMPORT, { csv, dryRun }, headers)).importCoverageReports;

describe("importCoverageReports: monthly figures in bulk", () => {
  it("stores nothing from 12 rows with 2 planted errors and lists both with line, column and reason", async () => {
    const report = await importAs(withErrors(), false, await bearer("operator", ["16.10"]));
    expect(report).toMatchObject({ rows: 12, valid: 10, stored: false, inserted: 0, problemCount: 2 });
    expect(report.problems).toEqual([
      expect.objectContaining({ line: 5, column: "peserta", rule: "PERSONS_NUMBER" }),
      expect.objectContaining({ line: 9, column: "posisi", rule: "DATE_FORMAT" }),
    ]);
    expect(report.problems[0].message).toContain('"37.3O0" is not a number of persons');
    const history = await data(
      stack.url,
      `{ regency(code: "16.10") { coverageHistory(from: "2024-01-01") { asOf } } }`,
    );
    expect(history.regency.coverageHistory).toEqual([]);
  });

  it("checks a clean file in a dry run without storing it", async () => {
    const report = await importAs(clean(), true, await bearer("operator", ["16.10"]));
    expect(report).toMatchObject({
      dryRun: true,
      rows: 12,
      valid: 12,
      reports: 12,
      stored: false,
      problemCount: 0,
    });
  });

  it("refuses every row of a regency the operator does not operate for, storing nothing", async () => {
    const report = await importAs(clean(), false, await bearer("operator", ["16.06"]));
    expect(report).toMatchObject({
      stored: false,
      problemCount: 12,
      problemsByRule: [{ rule: "REGENCY_NOT_YOURS", count: 12 }],
    });
    expect(report.problems[0]).toMatchObject({ line: 2, column: "kode_kabupaten" });
  });

  it("is refused to planners: only operators and admins write figures", async () => {
    const result = await graphql(stack.url, IMPORT, { csv: clean(), dryRun: true }, await bearer("planner"));
    expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("stores the 12 fixed rows, and importing them again stores none", async () => {
    const operator = await bearer("operator", ["16.10"]);
    expect(await importAs(clean(), false, operator)).toMatchObject({
      stored: true,
      reports: 12,
      inserted: 12,
      updated: 0,
      unchanged: 0,
    });
    expect(await importAs(clean(), false, operator)).toMatchObject({
      stored: true,
      inserted: 0,
      updated: 0,
      unchanged: 12,
    });
    const history = await data(
      stack.url,
      `{ regency(code: "16.10") { coverageHistory(from: "2024-01-01", to: "2024-12-31") { asOf activeParticipants measure source { publisher } } } }`,
    );
    expect(
      history.regency.coverageHistory.map((r: { activeParticipants: number }) => r.activeParticipants),
    ).toEqual(MONTHS);
    expect(history.regency.coverageHistory[11]).toMatchObject({ asOf: "2024-12-31", measure: "ACTIVE" });
  });

  it("then projects 16.10 with a range from the spread of its monthly paces, leaving the stale 2023 estimate out", async () => {
    // By hand: central pace (40,700 - 36,000) / 11 months = 427.27 a month; the monthly paces are 400 or 500.
    // To 31 December 2025, 12 months on: 40,700 + 12 x 4,700/11 = 45,827; low 40,700 + 4,800; high 40,700 + 6,000.
    const projection = (
      await data(
        stack.url,
        `{ regency(code: "16.10") { coverageProjection(year: 2025) {
          method monthsAhead monthlyPace monthlyPaceLow monthlyPaceHigh projectedParticipants projectedParticipantsLow
          projectedParticipantsHigh includesEstimates stale notes basedOn { asOf } } } }`,
      )
    ).regency.coverageProjection;
    expect(projection).toMatchObject({
      method: "RANGE_FROM_PACES",
      monthsAhead: 12,
      monthlyPaceLow: 400,
      monthlyPaceHigh: 500,
      projectedParticipants: Math.round(40700 + (12 * 4700) / 11),
      projectedParticipantsLow: 45500,
      projectedParticipantsHigh: 46700,
      includesEstimates: false,
      stale: false,
    });
    expect(projection.monthlyPace).toBeCloseTo(4700 / 11, 9);
    expect(projection.basedOn).toHaveLength(12);
    expect(projection.notes.join(" ")).toContain("Left out: the report of 2023-10-13");
  });

  it("reads the regency column with the one region resolver: a name is read, a name two regions share is refused with both", async () => {
    const csv = [
      "kode_kabupaten;posisi;peserta;ukuran;status",
      "Kabupaten Ogan Ilir;2023-01;30000;aktif;dilaporkan",
      "Malang;2023-01;30000;aktif;dilaporkan",
    ].join("\n");
    const report = await importAs(csv, true, await bearer("admin"));
    expect(report).toMatchObject({ rows: 2, valid: 1, problemCount: 1 });
    expect(report.problems[0]).toMatchObject({ line: 3, column: "kode_kabupaten", rule: "REGION_AMBIGUOUS" });
    expect(report.problems[0].message).toContain("Kabupaten Malang (35.07)");
    expect(report.problems[0].message).toContain("Kota Malang (35.73)");
  });
});

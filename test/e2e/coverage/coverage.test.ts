import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

const COVERAGE = `query($code: ID!, $asOf: Date) { regency(code: $code) { coverage(asOf: $asOf) {
  asOf activeParticipants workforce workforceYear rate target targetYear gap requiredMonthlyPace observedMonthlyPace status notes
  discrepancies { field claimed computed note source { publisher } }
  sources { id publisher }
  segments { dimension category label persons status share }
  report { id asOf asOfPrecision status claimedRate source { seedFile } }
} } }`;

describe("coverage of Musi Banyuasin", () => {
  it("at July 2025: 103,079 of 213,582 is 48.26% against the 52.15% target, 8,305 short", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2025-07-31" },
      await bearer("planner"),
    );
    const coverage = regency.coverage;
    expect(coverage).toMatchObject({
      asOf: "2025-07-31",
      activeParticipants: 103079,
      workforce: 213582,
      target: 0.5215,
      gap: 8305,
    });
    expect(coverage.rate).toBeCloseTo(0.4826, 4);
  });

  it("shows the article's claim of 21,311 still needed beside the 8,305 its own figures give", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2025-07-31" },
      await bearer("planner"),
    );
    const gap = regency.coverage.discrepancies.find((d: { field: string }) => d.field === "gap");
    expect(gap).toMatchObject({ claimed: 21311, computed: 8305, source: { publisher: "JPNN.com" } });
    expect(gap.note).toContain("22,426");
    expect(regency.coverage.discrepancies.filter((d: { field: string }) => d.field === "rate")).toEqual([]);
  });

  it("needs 1,661 a month from August to December 2025 and is on track at the pace since December 2024", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2025-07-31" },
      await bearer("planner"),
    );
    expect(regency.coverage.requiredMonthlyPace).toBe(Math.ceil(8305 / 5));
    expect(regency.coverage.observedMonthlyPace).toBeGreaterThan(1661);
    expect(regency.coverage.status).toBe("ON_TRACK");
  });

  it("names every source behind the figures: the report's, the workforce's and the target's", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2025-07-31" },
      await bearer("planner"),
    );
    expect(regency.coverage.sources).toEqual([
      { id: "seed-003-jpnn-muba-coverage-2025", publisher: "JPNN.com" },
    ]);
    expect(regency.coverage.report).toMatchObject({
      asOf: "2025-07-31",
      asOfPrecision: "MONTH",
      status: "REPORTED",
      claimedRate: 0.4826,
    });
  });

  it("at December 2024: 88,958 and 41.65%, saying the 2025 workforce was used and that 2024 has no target", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2024-12-31" },
      await bearer("planner"),
    );
    expect(regency.coverage.activeParticipants).toBe(88958);
    expect(regency.coverage.rate).toBeCloseTo(0.4165, 4);
    expect(regency.coverage).toMatchObject({
      workforceYear: 2025,
      targetYear: null,
      gap: null,
      status: null,
    });
    expect(regency.coverage.notes.join(" ")).toContain("No workforce estimate for 2024");
    expect(regency.coverage.notes.join(" ")).toContain("next known target is 52.15% for 2025");
  });

  it("is null before the first report with a total", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2020-01-01" },
      await bearer("planner"),
    );
    expect(regency.coverage).toBeNull();
  });

  it("takes the last report at or before the date, never a sum over time", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.06", asOf: "2025-03-15" },
      await bearer("planner"),
    );
    expect(regency.coverage).toMatchObject({ asOf: "2024-12-31", activeParticipants: 88958 });
  });

  it("lists the history in order, with the partial 2024 figure of 11,000 vulnerable workers", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { coverageHistory { asOf asOfPrecision activeParticipants rate status segments { category persons } source { publisher } } } }`,
      {},
      await bearer("planner"),
    );
    expect(regency.coverageHistory.map((r: { asOf: string }) => r.asOf)).toEqual([
      "2024-01-01",
      "2024-12-31",
      "2025-07-31",
    ]);
    const [partial, december] = regency.coverageHistory;
    expect(partial).toMatchObject({
      asOfPrecision: "YEAR",
      activeParticipants: null,
      rate: null,
      status: "ESTIMATE",
      source: { publisher: "ANTARA" },
    });
    expect(partial.segments).toEqual([
      { category: "VULNERABLE_WORKER", persons: 11000 },
      { category: "APBD", persons: 11000 },
    ]);
    expect(december.rate).toBeCloseTo(0.4165, 4);
  });

  it("narrows the history to a period", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { coverageHistory(from: "2024-06-01", to: "2024-12-31") { asOf } } }`,
    );
    expect(regency.coverageHistory).toEqual([{ asOf: "2024-12-31" }]);
  });

  it("refuses a period that ends before it starts", async () => {
    const result = await graphql(
      stack.url,
      `
        {
          regency(code: "16.06") {
            coverageHistory(from: "2025-01-01", to: "2024-01-01") {
              asOf
            }
          }
        }
      `,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  });
});

describe("coverage of Ogan Ilir", () => {
  it("breaks about 35,000 participants down by segment and group, October 2023", async () => {
    const { regency } = await data(
      stack.url,
      COVERAGE,
      { code: "16.10", asOf: "2023-12-31" },
      await bearer("planner"),
    );
    const coverage = regency.coverage;
    expect(coverage).toMatchObject({
      asOf: "2023-10-13",
      activeParticipants: 35000,
      workforce: null,
      rate: null,
      gap: null,
      status: null,
    });
    expect(
      coverage.segments.map(({ dimension, category, persons, status }: Record<string, unknown>) => ({
        dimension,
        category,
        persons,
        status,
      })),
    ).toEqual([
      { dimension: "SEGMENT", category: "WAGE_EARNER", persons: 30000, status: "ESTIMATE" },
      { dimension: "GROUP", category: "NON_ASN_STAFF", persons: 1328, status: "REPORTED" },
      { dimension: "GROUP", category: "VILLAGE_OFFICIAL", persons: 3716, status: "REPORTED" },
    ]);
    expect(coverage.notes.join(" ")).toContain("No workforce estimate for 16.10");
  });
});

describe("coverage of a province", () => {
  const PROVINCE = `query($asOf: Date) { province(code: "16") { coverage(asOf: $asOf) {
    asOf regencyCount reportingCount completeness activeParticipants workforce rate rateRegencyCount
    reporting { code name } missing { code } regencies { regency { code } activeParticipants } sources { publisher }
  } } }`;

  it("rolls up the regencies with a fresh report, lists the stale apart and the others as missing, not zero", async () => {
    const { province } = await data(stack.url, PROVINCE, { asOf: "2025-07-31" });
    const coverage = province.coverage;
    expect(coverage).toMatchObject({
      regencyCount: 17,
      reportingCount: 1,
      activeParticipants: 103079,
      workforce: 213582,
      rateRegencyCount: 1,
    });
    expect(coverage.completeness).toBeCloseTo(1 / 17, 6);
    expect(coverage.rate).toBeCloseTo(103079 / 213582, 6);
    expect(coverage.reporting).toEqual([{ code: "16.06", name: "Kabupaten Musi Banyuasin" }]);
    expect(coverage.missing).toHaveLength(15);
    expect(coverage.missing.map((r: { code: string }) => r.code)).not.toContain("16.06");
  });

  it("has no total when no regency has reported yet", async () => {
    const { province } = await data(stack.url, PROVINCE, { asOf: "2020-01-01" });
    expect(province.coverage).toMatchObject({
      reportingCount: 0,
      activeParticipants: null,
      workforce: null,
      rate: null,
      completeness: 0,
    });
    expect(province.coverage.missing).toHaveLength(17);
  });
});

import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

/**
 * The seed figures of Musi Banyuasin (16.06) the hand computations below start from, each from its source:
 * seed 003 (JPNN): 88,958 active at December 2024 and 103,079 registered at July 2025, the BPS 2025 workforce
 * of 213,582 and the 2025 national target of 52.15%; seed 001 (ANTARA): 11,000 vulnerable workers reached,
 * "ditanggung Pemkab". The minimum contribution is the rule MINIMUM_BPU_CONTRIBUTION, Rp16.800.
 */
const DECEMBER_2024 = 88958;
const JULY_2025 = 103079;
const WORKFORCE_2025 = 213582;
const TARGET_PERSONS_2025 = Math.ceil(0.5215 * WORKFORCE_2025); // 111,383.01... -> 111,384
const GAP_JULY_2025 = TARGET_PERSONS_2025 - JULY_2025; // 8,305
const MINIMUM_CONTRIBUTION = 16800;

const PROJECTION = `query($code: ID!, $year: Int) { regency(code: $code) { coverageProjection(year: $year) {
  year method methodDescription fromAsOf monthsAhead monthlyPace monthlyPaceLow monthlyPaceHigh
  projectedParticipants projectedParticipantsLow projectedParticipantsHigh workforce projectedRate
  target targetPersons targetReachedMonth targetReachedNote measure mixesMeasures includesEstimates stale notes
  basedOn { asOf activeParticipants measure }
} } }`;

const GAP_FUNDING = `query($code: ID!, $year: Int, $contribution: Int) { regency(code: $code) {
  gapFunding(year: $year, contribution: $contribution) {
    year fromAsOf participants target workforce gap contribution contributionFrom contributionIsAssumption
    monthsLeft monthlyCost restOfYearCost stale assumptions notes
  } } }`;

const SCENARIO = `query($code: ID!, $year: Int, $monthly: Int!, $funded: Int!) { regency(code: $code) {
  coverageScenario(year: $year, monthlyEnrolments: $monthly, fundedPersons: $funded) {
    fromAsOf participants monthsLeft projectedParticipants projectedRate target targetPersons targetReachedMonth
    methodDescription notes
  } } }`;

const projection = async (code: string, year: number) =>
  (await data(stack.url, PROJECTION, { code, year })).regency.coverageProjection;
const gapFunding = async (code: string, year: number, contribution?: number, headers = {}) =>
  (await data(stack.url, GAP_FUNDING, { code, year, contribution }, headers)).regency.gapFunding;
const scenario = async (monthly: number, funded = 0) =>
  (await data(stack.url, SCENARIO, { code: "16.06", year: 2025, monthly, funded })).regency.coverageScenario;

describe("projection of 16.06 to the end of 2025 at the observed pace", () => {
  // By hand: December 2024 to July 2025 is 7 calendar months (both month-end figures); July to December 5.
  const pace = (JULY_2025 - DECEMBER_2024) / 7; // 14,121 / 7 = 2,017.2857 persons a month
  const projected = Math.round(JULY_2025 + pace * 5); // 103,079 + 10,086.43 = 113,165.43 -> 113,165

  it("is a straight line through the two comparable reports, marked as such, with no range", async () => {
    const answer = await projection("16.06", 2025);
    expect(answer).toMatchObject({
      method: "STRAIGHT_LINE",
      fromAsOf: "2025-07-31",
      monthsAhead: 5,
      monthlyPaceLow: null,
      monthlyPaceHigh: null,
      projectedParticipantsLow: null,
      projectedParticipantsHigh: null,
    });
    expect(answer.basedOn.map((r: { asOf: string }) => r.asOf)).toEqual(["2024-12-31", "2025-07-31"]);
    expect(answer.methodDescription).toContain("A straight line through two comparable reports");
    expect(answer.methodDescription).toContain(
      "(103,079 - 88,958) / 7 months (2024-12-31 to 2025-07-31) = 2,017.29 persons a month",
    );
    expect(answer.methodDescription).toContain(
      "103,079 + 2,017.29 x 5 months = 113,165.43, rounded to 113,165",
    );
  });

  it("projects 113,165 participants, 52.98% of the workforce, at 2,017.29 persons a month", async () => {
    expect(projected).toBe(113165);
    const answer = await projection("16.06", 2025);
    expect(answer.monthlyPace).toBeCloseTo(pace, 6);
    expect(answer.projectedParticipants).toBe(projected);
    expect(answer.workforce).toBe(WORKFORCE_2025);
    expect(answer.projectedRate).toBeCloseTo(projected / WORKFORCE_2025, 10); // 0.52984...
    expect((answer.projectedRate * 100).toFixed(2)).toBe("52.98");
  });

  it("reaches 52.15% in December 2025: November's end falls short, December's does not", async () => {
    expect(TARGET_PERSONS_2025).toBe(111384);
    expect(JULY_2025 + pace * 4).toBeLessThan(TARGET_PERSONS_2025); // 111,148.14 at the end of November
    expect(JULY_2025 + pace * 5).toBeGreaterThanOrEqual(TARGET_PERSONS_2025); // 113,165.43 at the end of December
    const answer = await projection("16.06", 2025);
    expect(answer).toMatchObject({ targetPersons: 111384, targetReachedMonth: "2025-12", target: 0.5215 });
    expect(answer.targetReachedNote).toContain("reached in 2025-12");
  });

  it("says the pace compares a registered with an active figure, as their source does", async () => {
    const answer = await projection("16.06", 2025);
    expect(answer).toMatchObject({ measure: "REGISTERED", mixesMeasures: true, includesEstimates: false });
    expect(answer.basedOn.map((r: { measure: string }) => r.measure)).toEqual(["ACTIVE", "REGISTERED"]);
    expect(answer.notes.join(" ")).toContain("different measures");
  });

  it("gives no projection and says why with fewer than two comparable reports", async () => {
    const answer = await projection("16.06", 2024);
    expect(answer).toMatchObject({ method: "NONE", projectedParticipants: null, targetReachedMonth: null });
    expect(answer.methodDescription).toContain("Only one comparable report (2024-12-31");
  });

  it("marks a projection that runs more than 12 months past its last report as stale", async () => {
    const answer = await projection("16.06", 2026);
    expect(answer).toMatchObject({ stale: true, monthsAhead: 17, target: null, targetReachedMonth: null });
    expect(answer.targetReachedNote).toContain("No target in force in 2026");
  });

  it("refuses a year outside 2000-2100 with BAD_USER_INPUT", async () => {
    const result = await graphql(stack.url, PROJECTION, { code: "16.06", year: 1900 });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });
});

describe("province projection from comparable parts", () => {
  it("sums only fresh projections: Ogan Ilir's single 2023 estimate is left out, never counted as zero", async () => {
    const answer = (
      await data(
        stack.url,
        `{ province(code: "16") { coverageProjection(year: 2025) {
          projectedParticipants workforce projectedRate mixesMeasures counted { regency { code } } leftOut { code } notes } } }`,
      )
    ).province.coverageProjection;
    expect(answer.counted.map((p: { regency: { code: string } }) => p.regency.code)).toEqual(["16.06"]);
    expect(answer.leftOut.map((r: { code: string }) => r.code)).toContain("16.10");
    expect(answer).toMatchObject({
      projectedParticipants: 113165,
      workforce: WORKFORCE_2025,
      mixesMeasures: true,
    });
  });
});

describe("cost of closing the 2025 gap of 16.06", () => {
  // By hand: 8,305 persons x Rp16.800 = Rp139.524.000 a month; August to December are 5 months: Rp697.620.000.
  const monthly = GAP_JULY_2025 * MINIMUM_CONTRIBUTION;

  it("costs Rp139.524.000 a month and Rp697.620.000 for the 5 months left after July 2025", async () => {
    expect(GAP_JULY_2025).toBe(8305);
    expect(monthly).toBe(139_524_000);
    expect(monthly * 5).toBe(697_620_000);
    expect(await gapFunding("16.06", 2025)).toMatchObject({
      fromAsOf: "2025-07-31",
      participants: JULY_2025,
      gap: 8305,
      contribution: 16800,
      monthsLeft: 5,
      monthlyCost: 139_524_000,
      restOfYearCost: 697_620_000,
    });
  });

  it("says the minimum contribution is the rule MINIMUM_BPU_CONTRIBUTION and that it is an assumption", async () => {
    const answer = await gapFunding("16.06", 2025);
    expect(answer.contributionIsAssumption).toBe(true);
    expect(answer.contributionFrom).toContain("MINIMUM_BPU_CONTRIBUTION");
    expect(answer.assumptions.join(" ")).toContain("enrolled all at once in the month after the report");
  });

  it("costs at a contribution the planner gives", async () => {
    expect(await gapFunding("16.06", 2025, 20000)).toMatchObject({
      contribution: 20000,
      contributionIsAssumption: false,
      monthlyCost: 8305 * 20000,
      restOfYearCost: 8305 * 20000 * 5,
    });
  });

  it("refuses a contribution below the minimum with BAD_USER_INPUT naming the rule", async () => {
    const result = await graphql(stack.url, GAP_FUNDING, { code: "16.06", year: 2025, contribution: 10000 });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "contribution" });
    expect(result.errors?.[0].message).toContain("MINIMUM_BPU_CONTRIBUTION");
  });

  it("shows seed 001's 11,000 APBD-funded workers beside the gap, marked inferred, to signed-in users", async () => {
    const answer = (
      await data(
        stack.url,
        `{ regency(code: "16.06") { gapFunding(year: 2025) { gap alreadyFunded {
          category persons asOf status inferred inference monthlyCost source { id title } } } } }`,
        {},
        await bearer("planner"),
      )
    ).regency.gapFunding;
    expect(answer.gap).toBe(8305);
    expect(answer.alreadyFunded).toHaveLength(1);
    expect(answer.alreadyFunded[0]).toMatchObject({
      category: "APBD",
      persons: 11000,
      asOf: "2024-01-01",
      status: "ESTIMATE",
      inferred: true,
      monthlyCost: 11000 * 16800, // Rp184.800.000 a month at the same contribution
    });
    expect(answer.alreadyFunded[0].inference).toContain("ditanggung Pemkab");
    expect(answer.alreadyFunded[0].source.title).toMatch(/Muba/);
  });
});

describe("an estimate, an inference or an old report is said, never mixed in silently", () => {
  it("says Ogan Ilir's 2023 figure is an estimate, derived and stale when costing 2025", async () => {
    const answer = await gapFunding("16.10", 2025);
    expect(answer).toMatchObject({ fromAsOf: "2023-10-13", participants: 35000, stale: true });
    const notes = answer.notes.join(" ");
    expect(notes).toContain("is an estimate");
    expect(notes).toContain("has derived values");
  });

  it("says the same of a scenario starting from it", async () => {
    const answer = (await data(stack.url, SCENARIO, { code: "16.10", year: 2025, monthly: 100, funded: 0 }))
      .regency.coverageScenario;
    expect(answer.notes.join(" ")).toMatch(/is an estimate.*has derived values.*stale/);
  });
});

describe("scenarios for 16.06 in 2025", () => {
  it("meets the target in a month of 2025 when monthly enrolments are big enough (3,000: October)", async () => {
    // 103,079 + 3 x 3,000 = 112,079 >= 111,384 at the end of October; 2 x 3,000 (September) is 109,079.
    const answer = await scenario(3000);
    expect(answer).toMatchObject({
      targetReachedMonth: "2025-10",
      monthsLeft: 5,
      projectedParticipants: 118079,
    });
    expect(answer.projectedRate).toBeCloseTo(118079 / WORKFORCE_2025, 10);
  });

  it("meets it in December with exactly the required pace (8,305 / 5 = 1,661 a month)", async () => {
    expect((await scenario(1661)).targetReachedMonth).toBe("2025-12");
  });

  it("answers no month when the enrolments are too small (1,000 a month: 108,079 by December)", async () => {
    const answer = await scenario(1000);
    expect(answer).toMatchObject({ targetReachedMonth: null, projectedParticipants: 108079 });
    expect(answer.notes.join(" ")).toContain("not reached within 2025");
  });

  it("counts funded persons at once, in August: 8,305 funded meets the target in August", async () => {
    expect((await scenario(0, 8305)).targetReachedMonth).toBe("2025-08");
  });
});

describe("the root coverageScenario(regencyCode, ...)", () => {
  const ROOT = `query($code: ID!, $monthly: Int!, $funded: Int) {
    coverageScenario(regencyCode: $code, year: 2025, monthlyEnrolments: $monthly, fundedPersons: $funded) {
      regencyCode year monthlyEnrolments fundedPersons regency { name }
      scenario { targetReachedMonth projectedParticipants projectedRate }
    } }`;

  it("answers as Regency.coverageScenario does: 3,000 a month meets the target in October 2025", async () => {
    const answer = (await data(stack.url, ROOT, { code: "16.06", monthly: 3000 })).coverageScenario;
    expect(answer).toMatchObject({
      regencyCode: "16.06",
      year: 2025,
      fundedPersons: 0,
      regency: { name: "Kabupaten Musi Banyuasin" },
      scenario: { targetReachedMonth: "2025-10", projectedParticipants: 118079 },
    });
  });

  it("answers no month for 1,000 a month", async () => {
    const answer = (await data(stack.url, ROOT, { code: "16.06", monthly: 1000 })).coverageScenario;
    expect(answer.scenario.targetReachedMonth).toBeNull();
  });

  it("is null for a code no regency has, and refuses negative numbers with BAD_USER_INPUT", async () => {
    expect((await data(stack.url, ROOT, { code: "16.99", monthly: 1000 })).coverageScenario).toBeNull();
    const result = await graphql(stack.url, ROOT, { code: "16.06", monthly: -5 });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "monthlyEnrolments",
    });
  });
});

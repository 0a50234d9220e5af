import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data, queryPlan } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

const NATIONAL = `{ regencies { code coverage(asOf: "2025-07-31") { activeParticipants rate target gap status sources { publisher } } } }`;
const PROVINCE = `{ regencies(provinceCode: "16") { code coverage(asOf: "2025-07-31") { activeParticipants rate target gap status sources { publisher } } } }`;

async function countStatements(query: string, headers: Record<string, string> = {}) {
  const { regencies, participants } = stack.subgraphs;
  regencies.sql.reset();
  participants.sql.reset();
  const result = await data(stack.url, query, undefined, headers);
  return { result, regencies: regencies.sql.count, participants: participants.sql.count };
}

describe("coverage of many regencies in one query", () => {
  it("answers all 514 regencies, null where no report exists", async () => {
    const { result } = await countStatements(NATIONAL);
    expect(result.regencies).toHaveLength(514);
    const reported = result.regencies
      .filter((r: { coverage: unknown }) => r.coverage !== null)
      .map((r: { code: string }) => r.code);
    expect(reported).toEqual(["16.06", "16.10"]);
  });

  it("runs the same bounded number of SQL statements in each subgraph for 514 regencies as for 17", async () => {
    const province = await countStatements(PROVINCE);
    const national = await countStatements(NATIONAL);
    expect(national.participants).toBe(province.participants);
    expect(national.regencies).toBe(province.regencies);
    // participants: the last reports and their sources (their parts only with segments)
    expect(national.participants).toBe(2);
    // regencies: the list, workforce estimates, targets, and (asked for) their sources
    expect(national.regencies).toBe(4);
  });

  it("reads the reports' parts, in one more statement, only when segments are asked", async () => {
    const planner = await bearer("planner");
    const without = await countStatements(NATIONAL, planner);
    const withSegments = await countStatements(
      NATIONAL.replace("status sources", "status segments { category persons } sources"),
      planner,
    );
    expect(withSegments.participants).toBe(without.participants + 1);
    const reported = withSegments.result.regencies.filter((r: { coverage: unknown }) => r.coverage !== null);
    for (const regency of reported) expect(regency.coverage.segments).toBeInstanceOf(Array);
  });

  it("runs the same SQL statements for an Excel batch of 100 aliased regencies as for 10", async () => {
    const { regencies } = await data(stack.url, "{ regencies { code } }");
    const aliased = (count: number) =>
      `{ ${regencies
        .slice(0, count)
        .map(
          (r: { code: string }, i: number) =>
            `a${i}: regency(code: "${r.code}") { coverage(asOf: "2025-07-31") { activeParticipants rate gap } }`,
        )
        .join(" ")} }`;
    const ten = await countStatements(aliased(10));
    const hundred = await countStatements(aliased(100));
    expect(Object.keys(hundred.result)).toHaveLength(100);
    expect(hundred.participants).toBe(ten.participants);
    expect(hundred.regencies).toBe(ten.regencies);
  });

  it("sends the 100 entity fetches the planner makes for 100 aliases to participants as one request", async () => {
    const { regencies } = await data(stack.url, '{ regencies(provinceCode: "16") { code } }');
    const before = { ...stack.gateway.fetches.entities };
    const codes = [...Array(100)].map((_, i) => regencies[i % regencies.length].code);
    const result = await data(
      stack.url,
      `{ ${codes.map((code, i) => `a${i}: regency(code: "${code}") { coverage(asOf: "2025-07-31") { activeParticipants } }`).join(" ")} }`,
    );
    expect(result[`a${codes.indexOf("16.06")}`].coverage.activeParticipants).toBe(103079);
    expect(result[`a${codes.indexOf("16.10")}`].coverage.activeParticipants).toBeGreaterThan(0);
    expect(result[`a${codes.indexOf("16.01")}`].coverage).toBeNull();
    expect(stack.gateway.fetches.entities.requested - before.requested).toBe(100);
    expect(stack.gateway.fetches.entities.sent - before.sent).toBe(1);
  });

  it("plans the figures from regencies, one batched entity fetch from participants, and the sources asked for from regencies", async () => {
    expect(await queryPlan(stack.url, NATIONAL)).toMatchSnapshot();
  });

  it("carries into the participants fetch only the figures coverage computes with and each source's id", async () => {
    const plan = await queryPlan(
      stack.url,
      `{ regencies { code coverage(asOf: "2025-07-31") { activeParticipants rate target gap status } } }`,
    );
    expect([...plan.matchAll(/Fetch\(service: "(\w+)"\)/g)].map((match) => match[1])).toEqual([
      "regencies",
      "participants",
    ]);
    const fetches = plan.split("Fetch(service: ");
    const participants = fetches[2].slice(0, fetches[2].indexOf("} =>"));
    const carried = participants.replace(/\s+/g, " ");
    expect(carried).toContain("workforceEstimates { year persons source { id } }");
    expect(carried).toContain("coverageTargets { year rate scheme source { id } }");
    expect(carried).not.toMatch(/publisher|title|notes/);
  });

  it("asks regencies no statement for the sources it hands over by id", async () => {
    const { regencies } = await countStatements(
      `{ regencies { code coverage(asOf: "2025-07-31") { activeParticipants rate } } }`,
    );
    // the list, workforce estimates, targets: no source rows
    expect(regencies).toBe(3);
  });

  it("plans the province rollup as one regencies fetch and one participants entity fetch", async () => {
    expect(
      await queryPlan(
        stack.url,
        `{ province(code: "16") { coverage(asOf: "2025-07-31") { reportingCount rate missing { code name } } } }`,
      ),
    ).toMatchSnapshot();
  });
});

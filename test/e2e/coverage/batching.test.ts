import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, queryPlan } from "../../support/graphql";
import { startTestStack, type TestStack } from "../../support/servers";

let stack: TestStack;
let url: string;
beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gateway.url;
});
afterAll(() => stack.stop());

const NATIONAL = `{ regencies { code coverage(asOf: "2025-07-31") { activeParticipants rate target gap status sources { publisher } } } }`;
const PROVINCE = `{ regencies(provinceCode: "16") { code coverage(asOf: "2025-07-31") { activeParticipants rate target gap status sources { publisher } } } }`;

async function countStatements(query: string) {
  const { regencies, participants } = stack.subgraphs;
  regencies.sql.reset();
  participants.sql.reset();
  const result = await data(url, query);
  return { result, regencies: regencies.sql.count, participants: participants.sql.count };
}

describe("coverage of many regencies in one query", () => {
  it("answers all 514 regencies, null where no report exists", async () => {
    const { result } = await countStatements(NATIONAL);
    expect(result.regencies).toHaveLength(514);
    const reported = result.regencies.filter((r: { coverage: unknown }) => r.coverage !== null).map((r: { code: string }) => r.code);
    expect(reported).toEqual(["16.06", "16.10"]);
  });

  it("runs the same bounded number of SQL statements in each subgraph for 514 regencies as for 17", async () => {
    const province = await countStatements(PROVINCE);
    const national = await countStatements(NATIONAL);
    expect(national.participants).toBe(province.participants);
    expect(national.regencies).toBe(province.regencies);
    // participants: the last reports, their sources, their parts
    expect(national.participants).toBe(3);
    // regencies: the list, workforce estimates, targets, and their sources
    expect(national.regencies).toBe(4);
  });

  it("plans one fetch from regencies with the required figures, then one batched entity fetch from participants", async () => {
    expect(await queryPlan(url, NATIONAL)).toMatchSnapshot();
  });

  it("plans the province rollup as one regencies fetch and one participants entity fetch", async () => {
    expect(await queryPlan(url, `{ province(code: "16") { coverage(asOf: "2025-07-31") { reportingCount rate missing { code name } } } }`)).toMatchSnapshot();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { graphql } from "../../support/graphql";
import { ownParticipantsDatabase, startTestStack, type TestStack } from "../../support/servers";

/**
 * Input the database would choke on is refused before it gets there, with BAD_USER_INPUT saying what to fix;
 * nothing of PostgreSQL (its messages, constraint names) or of the network (internal addresses) reaches a client.
 */
let stack: TestStack;
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  database = await ownParticipantsDatabase("dberrors");
  stack = await startTestStack({ participantsDatabaseUrl: database.url });
});
afterAll(async () => {
  await stack.stop();
  await database.drop();
});

type Result = Awaited<ReturnType<typeof graphql>>;

/** No PostgreSQL message, constraint name, internal address or HTTP status text of a subgraph. */
function expectNothingInternal(result: Result) {
  const text = JSON.stringify(result);
  expect(text).not.toMatch(/byte sequence|UTF8|bigint|violates|_check|constraint|400: Bad Request|"response"|127\.0\.0\.1|localhost:\d/);
}

function expectRefused(result: Result, codes: string[], mentions: RegExp) {
  expect(result.errors?.length).toBeGreaterThan(0);
  expect(codes).toContain(result.errors![0].extensions?.code);
  expect(result.errors![0].message).toMatch(mentions);
  expectNothingInternal(result);
}

const RECORD = `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`;
const report = (overrides: Record<string, unknown>) => ({
  input: { regencyCode: "16.06", asOf: "2025-06-30", activeParticipants: 1000, source: { publisher: "Uji", title: "Uji" }, ...overrides },
});
const reportCount = async () => (await stack.subgraphs.participants.dataSource.query("SELECT count(*)::int AS n FROM coverage_report"))[0].n as number;

describe("a NUL byte", () => {
  it("in regencies(search:) is refused as input, not passed to PostgreSQL", async () => {
    const result = await graphql(stack.gateway.url, `query($s: String) { regencies(search: $s) { code } }`, { s: "mu\u0000ba" });
    expectRefused(result, ["BAD_USER_INPUT"], /NUL|control character/i);
  });

  it("in awardEdition(id:) is refused as input", async () => {
    const result = await graphql(stack.gateway.url, `query($id: ID!) { awardEdition(id: $id) { id } }`, { id: "paritrana\u0000" });
    expectRefused(result, ["BAD_USER_INPUT"], /NUL|control character/i);
  });

  it("in a source id is refused as input, and nothing is stored", async () => {
    const before = await reportCount();
    const result = await graphql(stack.gateway.url, RECORD, report({ source: { id: "seed\u0000" } }), await bearer("operator", ["16.06"]));
    expectRefused(result, ["BAD_USER_INPUT"], /NUL|control character/i);
    expect(await reportCount()).toBe(before);
  });

  it("written into the query text itself is refused too", async () => {
    const result = await graphql(stack.gateway.url, `{ regencies(search: "mu\\u0000ba") { code } }`);
    expectRefused(result, ["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"], /NUL|control character/i);
  });
});

describe("dates", () => {
  for (const asOf of ["2025-02-30", "yesterday", ""]) {
    it(`coverage(asOf: "${asOf}") is refused with the date's own message, not "400: Bad Request"`, async () => {
      const literal = await graphql(stack.gateway.url, `{ regency(code: "16.06") { coverage(asOf: "${asOf}") { rate } } }`);
      expectRefused(literal, ["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"], /Date/);
      const variable = await graphql(stack.gateway.url, `query($d: Date) { regency(code: "16.06") { coverage(asOf: $d) { rate } } }`, { d: asOf });
      expectRefused(variable, ["BAD_USER_INPUT"], /\$d.*Date/);
    });
  }

  it("a report dated 0001-01-01 is refused, and nothing is stored", async () => {
    const before = await reportCount();
    const result = await graphql(stack.gateway.url, RECORD, report({ asOf: "0001-01-01" }), await bearer("operator", ["16.06"]));
    expectRefused(result, ["BAD_USER_INPUT"], /1900/);
    expect(await reportCount()).toBe(before);
  });
});

describe("numbers and cursors", () => {
  it("participants(after:) beyond any id is refused as a cursor, not sent to PostgreSQL as a bigint", async () => {
    const result = await graphql(
      stack.gateway.url,
      `{ regency(code: "16.06") { participants(first: 5, after: "99999999999999999999999") { nodes { id } } } }`,
      undefined,
      await bearer("operator", ["16.06"]),
    );
    expectRefused(result, ["BAD_USER_INPUT"], /cursor/);
  });

  it("claimedRate 1e-300 is refused naming the field, never a check constraint", async () => {
    const before = await reportCount();
    const result = await graphql(stack.gateway.url, RECORD, report({ claimedRate: 1e-300 }), await bearer("operator", ["16.06"]));
    expectRefused(result, ["BAD_USER_INPUT"], /claimedRate/);
    expect(await reportCount()).toBe(before);
  });
});

describe("during an outage", () => {
  it("errors name the subgraph, never its internal address", async () => {
    await stack.subgraphs.awards.server.stop();
    const result = await graphql(stack.gateway.url, `{ regency(code: "16.06") { name awards { rank } } }`);
    expect(result.errors?.length).toBeGreaterThan(0);
    expectNothingInternal(result);
    expect(JSON.stringify(result)).not.toContain(String(new URL(stack.subgraphs.awards.server.url).port));
  });
});

import { describe, expect, it } from "vitest";
import { bearer, forwarded } from "../../support/auth";
import { data, type GraphQLResponse } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack({ ownParticipantsDatabase: "cache", responseCache: true });

const COVERAGE = `{ regency(code: "16.06") { coverage { asOf activeParticipants } } }`;

async function ask(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ cache: string | null; body: GraphQLResponse }> {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return { cache: response.headers.get("x-cache"), body: await response.json() };
}

describe("the response cache", () => {
  it("answers a repeated anonymous query without asking the subgraphs to compute it again", async () => {
    const first = await ask(COVERAGE);
    stack.subgraphs.participants.sql.reset();
    stack.subgraphs.regencies.sql.reset();
    const second = await ask(COVERAGE);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.body).toEqual(first.body);
    expect(stack.subgraphs.participants.sql.count + stack.subgraphs.regencies.sql.count).toBe(0);
  });

  it("shows the new figure right after a write made straight to a subgraph", async () => {
    await ask(COVERAGE);
    const write = await data(
      stack.subgraphs.participants.server.url,
      `mutation { recordCoverageReport(input: { regencyCode: "16.06", asOf: "2025-10-31", activeParticipants: 107000, source: { publisher: "Test", title: "Cache" } }) { id } }`,
      {},
      await forwarded("admin"),
    );
    expect(write.recordCoverageReport.id).toBeTruthy();
    const after = await ask(COVERAGE);
    expect(after.cache).toBe("miss");
    expect(after.body.data.regency.coverage).toEqual({ asOf: "2025-10-31", activeParticipants: 107000 });
  });

  it("shows the new figure right after a change made in the database by hand", async () => {
    await ask(COVERAGE);
    await stack.subgraphs.participants.dataSource.query(
      "UPDATE coverage_report SET active_participants = 107500 WHERE as_of = '2025-10-31'",
    );
    const after = await ask(COVERAGE);
    expect(after.body.data.regency.coverage.activeParticipants).toBe(107500);
  });

  it("never serves signed-in callers from it", async () => {
    const headers = await bearer("planner");
    expect((await ask(COVERAGE, headers)).cache).toBeNull();
    expect((await ask(COVERAGE, headers)).cache).toBeNull();
  });

  it("does not keep answers with errors", async () => {
    const bad = `{ regency(code: "16-06") { name } }`;
    expect((await ask(bad)).cache).toBe("miss");
    expect((await ask(bad)).cache).toBe("miss");
  });

  it("computes identical anonymous queries arriving at the same moment once, and answers each caller", async () => {
    const query = `{ regencies(provinceCode: "16") { code coverage(asOf: "2025-07-31") { activeParticipants } } }`;
    await stack.subgraphs.participants.dataSource.query(
      "UPDATE coverage_report SET active_participants = active_participants WHERE as_of = '2025-10-31'",
    );
    stack.subgraphs.participants.sql.reset();
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask(query)));
    expect(answers.filter((a) => a.cache === "miss")).toHaveLength(1);
    expect(answers.filter((a) => a.cache === "joined" || a.cache === "hit")).toHaveLength(7);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(stack.subgraphs.participants.sql.count).toBe(3);
  });

  it("never lets a caller arriving after a write join an answer computed before it", async () => {
    // A version bump first, so that the first caller's answer is being computed, not read from the cache.
    await stack.subgraphs.participants.dataSource.query(
      "UPDATE coverage_report SET active_participants = active_participants WHERE as_of = '2025-10-31'",
    );
    const slow = ask(COVERAGE);
    await stack.subgraphs.participants.dataSource.query(
      "UPDATE coverage_report SET active_participants = 107600 WHERE as_of = '2025-10-31'",
    );
    const after = await ask(COVERAGE);
    expect((await slow).cache).toBe("miss");
    expect(after.body.data.regency.coverage.activeParticipants).toBe(107600);
  });
});

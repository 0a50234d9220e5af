import { beforeAll, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { DEFAULT_SUPERGRAPH_PATH, PersonalDataFields } from "@cakupan/gateway";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "@cakupan/participants";
import { bearer, forwarded } from "../../support/auth";
import { data, type GraphQLResponse } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack({ ownParticipantsDatabase: "cache", responseCache: true });

const COVERAGE = `{ regency(code: "16.06") { coverage { asOf activeParticipants } } }`;
/** Segments are for signed-in callers: a planner's answer differs from an anonymous one. */
const SEGMENTS = `{ regency(code: "16.06") { coverage { activeParticipants segments { category persons } } } }`;
const PEOPLE = `{ regency(code: "16.06") { participants(first: 3) { nodes { nikMasked nik fullName } } } }`;

beforeAll(async () => {
  const csv = [SYNTHETIC_HEADER.join(","), ...[...syntheticRows("16.06", 20, 7)].map(csvLine)].join("\n");
  const { importParticipants } = await data(
    stack.gateway.url,
    `mutation($csv: String!) { importParticipants(regencyCode: "16.06", csv: $csv) { inserted } }`,
    { csv },
    await bearer("operator", ["16.06"], "importer"),
  );
  expect(importParticipants.inserted).toBe(20);
});

/**
 * A change made in the database by hand, once the gateway has heard of it: it reaches the gateway by
 * PostgreSQL's notification, moments after the commit (not before the next request, as a write through the
 * gateway or a subgraph does).
 */
async function byHand(sql: string) {
  const database = stack.subgraphs.participants.dataSource;
  await database.query(sql);
  const [{ version }] = (await database.query("SELECT version::text FROM data_version")) as {
    version: string;
  }[];
  await vi.waitFor(() => expect(stack.gateway.pushedVersions().participants).toBe(version), {
    timeout: 2000,
    interval: 5,
  });
}

/** A version bump: whatever was kept before it is not served after it. */
const touch = () =>
  byHand("UPDATE coverage_report SET active_participants = active_participants WHERE as_of = '2025-10-31'");

async function ask(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ cache: string | null; status: number; body: GraphQLResponse }> {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return { cache: response.headers.get("x-cache"), status: response.status, body: await response.json() };
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

  it("answers a kept query with no request to any subgraph: the data versions are pushed to the gateway", async () => {
    await ask(COVERAGE);
    const reads = stack.gateway.cache!.versionReads;
    const pushed = stack.gateway.cache!.versionsPushed;
    expect((await ask(COVERAGE)).cache).toBe("hit");
    expect(stack.gateway.cache!.versionReads).toBe(reads);
    expect(stack.gateway.cache!.versionsPushed).toBe(pushed + 1);
  });

  it("reads the versions from the subgraphs for a caller whose own write the feeds have not reached", async () => {
    await ask(COVERAGE);
    const reads = stack.gateway.cache!.versionReads;
    await ask(COVERAGE, { "x-cakupan-read-after": "participants:FFFFFFFF/0" });
    expect(stack.gateway.cache!.versionReads).toBe(reads + 1);
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

  it("answers a live client refetching on a coverage event from versions read after the event, never a feed behind it", async () => {
    await ask(COVERAGE);
    const events = await fetch(new URL("/live/coverage", stack.gateway.url), {
      headers: { accept: "text/event-stream" },
    });
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let heard = "";
    const told = (async () => {
      while (!heard.includes("event: coverage")) heard += (await reader.read()).value ?? "";
    })();
    // The stream is open upstream once the gateway has said so to this client.
    while (!heard.includes(": coverage changes")) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await data(
      stack.subgraphs.participants.server.url,
      `mutation { recordCoverageReport(input: { regencyCode: "16.06", asOf: "2025-10-31", activeParticipants: 107300, source: { publisher: "Test", title: "Live" } }) { id } }`,
      {},
      await forwarded("admin"),
    );
    await told;
    const reads = stack.gateway.cache!.versionReads;
    const after = await ask(COVERAGE);
    await reader.cancel();
    expect(after.body.data.regency.coverage.activeParticipants).toBe(107300);
    expect(stack.gateway.cache!.versionReads).toBe(reads + 1);
  });

  it("shows the new figure once PostgreSQL announces a change made in the database by hand", async () => {
    await ask(COVERAGE);
    await byHand("UPDATE coverage_report SET active_participants = 107500 WHERE as_of = '2025-10-31'");
    const after = await ask(COVERAGE);
    expect(after.body.data.regency.coverage.activeParticipants).toBe(107500);
  });

  it("answers a planner's repeated query from it, and computes it again after a write", async () => {
    await touch();
    const headers = await bearer("planner", [], "ani@bappeda");
    const first = await ask(SEGMENTS, headers);
    stack.subgraphs.participants.sql.reset();
    const second = await ask(SEGMENTS, headers);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.body).toEqual(first.body);
    expect(first.body.errors).toBeUndefined();
    expect(stack.subgraphs.participants.sql.count).toBe(0);
    await touch();
    expect((await ask(SEGMENTS, headers)).cache).toBe("miss");
  });

  it("lets every planner share one entry: it is kept by role, never by who asks", async () => {
    await touch();
    const first = await ask(SEGMENTS, await bearer("planner", [], "ani@bappeda"));
    stack.subgraphs.participants.sql.reset();
    const other = await ask(SEGMENTS, await bearer("planner", [], "budi@bappeda"));
    expect([first.cache, other.cache]).toEqual(["miss", "hit"]);
    expect(other.body).toEqual(first.body);
    expect(stack.subgraphs.participants.sql.count).toBe(0);
  });

  it("never gives an anonymous caller a planner's entry, nor a planner an anonymous one", async () => {
    await touch();
    const planner = await ask(SEGMENTS, await bearer("planner"));
    const anonymous = await ask(SEGMENTS);
    expect([planner.cache, anonymous.cache]).toEqual(["miss", "miss"]);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(planner.body.errors).toBeUndefined();
  });

  it("keeps one entry per set of operator regency claims, apart from the planners'", async () => {
    await touch();
    expect((await ask(SEGMENTS, await bearer("planner"))).cache).toBe("miss");
    const muba = await ask(SEGMENTS, await bearer("operator", ["16.06"], "siti@muba"));
    const otherClaims = await ask(SEGMENTS, await bearer("operator", ["16.06", "16.10"], "rudi@sumsel"));
    const sameClaims = await ask(SEGMENTS, await bearer("operator", ["16.06"], "dewi@muba"));
    const sameSetReordered = await ask(SEGMENTS, await bearer("operator", ["16.10", "16.06"], "eka@sumsel"));
    expect([muba.cache, otherClaims.cache, sameClaims.cache, sameSetReordered.cache]).toEqual([
      "miss",
      "miss",
      "hit",
      "hit",
    ]);
  });

  it("never keeps an operator's read of personal data, and audits every one", async () => {
    const headers = await bearer("operator", ["16.06"], "auditee@muba");
    const answers = [await ask(PEOPLE, headers), await ask(PEOPLE, headers)];
    expect(answers.map((answer) => answer.cache)).toEqual([null, null]);
    for (const answer of answers)
      expect(answer.body.data.regency.participants.nodes[0].nik).toMatch(/^\d{16}$/);
    const reads = await stack.subgraphs.participants.dataSource.query(
      "SELECT id FROM audit_log WHERE subject = $1 AND action LIKE 'read:%'",
      ["auditee@muba"],
    );
    expect(reads).toHaveLength(2);
  });

  it("never keeps an answer that touches a personal-data field, whoever asks, fragments included", async () => {
    const viaFragment = `query { regency(code: "16.06") { ...people } }
      fragment people on Regency { participants(first: 1) { nodes { ...person } } }
      fragment person on Participant { nikMasked }`;
    for (const headers of [{}, await bearer("planner"), await bearer("admin")]) {
      expect((await ask(PEOPLE, headers)).cache).toBeNull();
      expect((await ask(viaFragment, headers)).cache).toBeNull();
    }
  });

  it("never keeps the audit log, which no data version covers", async () => {
    const headers = await bearer("admin");
    const log = `{ participantsAuditLog(limit: 1) { action } }`;
    expect([(await ask(log, headers)).cache, (await ask(log, headers)).cache]).toEqual([null, null]);
  });

  it("never answers a token that does not verify from it", async () => {
    await ask(SEGMENTS, await bearer("planner"));
    const refused = await ask(SEGMENTS, { authorization: "Bearer not-a-token" });
    expect(refused.status).toBe(401);
    expect(refused.cache).toBeNull();
  });

  it("does not keep answers with errors", async () => {
    const bad = `{ regency(code: "16-06") { name } }`;
    expect((await ask(bad)).cache).toBe("miss");
    expect((await ask(bad)).cache).toBe("miss");
  });

  it("computes identical anonymous queries arriving at the same moment once, and answers each caller", async () => {
    const query = `{ regencies(provinceCode: "16") { code coverage(asOf: "2025-07-31") { activeParticipants } } }`;
    await touch();
    stack.subgraphs.participants.sql.reset();
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask(query)));
    expect(answers.filter((a) => a.cache === "miss")).toHaveLength(1);
    expect(answers.filter((a) => a.cache === "joined" || a.cache === "hit")).toHaveLength(7);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    // One computation: the last reports and their sources.
    expect(stack.subgraphs.participants.sql.count).toBe(2);
  });

  it("computes a query once at a time: callers arriving after a write wait for the computation before it, then share one", async () => {
    await touch();
    const participants = stack.subgraphs.participants.dataSource;
    const blocker = participants.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      // The computation at the versions before the write is held in the participants subgraph.
      await blocker.query("LOCK TABLE coverage_report IN ACCESS EXCLUSIVE MODE");
      const sentBefore = stack.gateway.fetches.sent;
      const earlier = ask(COVERAGE);
      await vi.waitFor(() => expect(stack.gateway.fetches.sent).toBe(sentBefore + 2), { interval: 5 });
      await byHand("DELETE FROM participant WHERE false");
      const later = [ask(COVERAGE), ask(COVERAGE), ask(COVERAGE)];
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stack.gateway.fetches.sent).toBe(sentBefore + 2);
      await blocker.rollbackTransaction();
      expect((await earlier).cache).toBe("miss");
      const answers = await Promise.all(later);
      expect(answers.map((answer) => answer.cache).sort()).toEqual(["joined", "joined", "miss"]);
      expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
  });

  it("never lets a caller arriving after a write join an answer computed before it", async () => {
    // A version bump first, so that the first caller's answer is being computed, not read from the cache.
    await touch();
    const slow = ask(COVERAGE);
    await byHand("UPDATE coverage_report SET active_participants = 107600 WHERE as_of = '2025-10-31'");
    const after = await ask(COVERAGE);
    expect((await slow).cache).toBe("miss");
    expect(after.body.data.regency.coverage.activeParticipants).toBe(107600);
  });
});

describe("the fields never cached", () => {
  it("are every field of personal data and every audited read the supergraph tags personal-data", () => {
    const fields = new PersonalDataFields(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));
    expect([...fields.coordinates].sort()).toEqual([
      "Participant.birthDate",
      "Participant.fullName",
      "Participant.nik",
      "Query.awardsAuditLog",
      "Query.participant",
      "Query.participantsAuditLog",
      "Regency.participants",
    ]);
  });
});

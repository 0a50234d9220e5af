import { IDENTITY_HEADER, signIdentity } from "@cakupan/kit";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwarded, TEST_INTERNAL_SECRET } from "../../support/auth";
import { graphql } from "../../support/graphql";
import {
  ownAwardsDatabase,
  ownParticipantsDatabase,
  startAwards,
  startParticipants,
  type TestSubgraph,
} from "../../support/servers";

/** Someone who reaches a subgraph without the gateway gets what an anonymous user gets, and no more. */
let participants: TestSubgraph;
let awards: TestSubgraph;
let databases: { drop(): Promise<void> }[];
beforeAll(async () => {
  const p = await ownParticipantsDatabase("direct");
  const a = await ownAwardsDatabase("direct");
  databases = [p, a];
  participants = await startParticipants(p.url);
  awards = await startAwards(a.url);
});
afterAll(async () => {
  await participants.server.stop();
  await awards.server.stop();
  for (const database of databases) await database.drop();
});

const RECORD = `mutation { recordCoverageReport(input: { regencyCode: "16.06", asOf: "2025-06-30", activeParticipants: 1, source: { publisher: "x", title: "y" } }) { id } }`;
const BREAKDOWN = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Regency { coverage(asOf: "2023-12-31") { segments { persons } } } } }`;
const REPS = {
  reps: [{ __typename: "Regency", code: "16.10", workforceEstimates: [], coverageTargets: [] }],
};
const AUDIT = `{ participantsAuditLog { subject } }`;
const CATEGORY = `mutation { createAwardCategory(input: { code: "DIRECT", name: "x", nameEn: "x", nomineeKind: PROVINCE_GOVERNMENT }) { code } }`;

async function count(subgraph: TestSubgraph, table: string): Promise<number> {
  const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

const forgedIdentity = async () => ({
  [IDENTITY_HEADER]: await signIdentity(
    { subject: "mallory", role: "admin", regencies: [], client: { ip: null, userAgent: null } },
    "a-guessed-secret",
  ),
});
const expiredIdentity = async () => ({
  [IDENTITY_HEADER]: await new SignJWT({ role: "admin", regencies: [] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("late")
    .setIssuer("cakupan-gateway")
    .setAudience("cakupan-subgraphs")
    .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
    .sign(new TextEncoder().encode(TEST_INTERNAL_SECRET)),
});

describe("a request straight to a subgraph", () => {
  it("without the gateway's identity cannot record a report, and nothing is stored", async () => {
    const before = await count(participants, "coverage_report");
    const result = await graphql(participants.server.url, RECORD);
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await count(participants, "coverage_report")).toBe(before);
  });

  it("without the gateway's identity gets no breakdowns and no audit log", async () => {
    expect((await graphql(participants.server.url, BREAKDOWN, REPS)).errors?.[0].extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
    expect((await graphql(participants.server.url, AUDIT)).errors?.[0].extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("without the gateway's identity cannot change the awards", async () => {
    const before = await count(awards, "award_category");
    expect((await graphql(awards.server.url, CATEGORY)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await count(awards, "award_category")).toBe(before);
  });

  it("with an identity signed by another secret is refused whole (HTTP 401), and nothing is stored", async () => {
    for (const [subgraph, query, table] of [
      [participants, RECORD, "coverage_report"],
      [awards, CATEGORY, "award_category"],
    ] as const) {
      const before = await count(subgraph, table);
      const response = await fetch(subgraph.server.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await forgedIdentity()) },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(await count(subgraph, table)).toBe(before);
    }
  });

  it("with an expired identity is refused, saying it expired", async () => {
    const result = await graphql(participants.server.url, AUDIT, undefined, await expiredIdentity());
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining("expired"),
    });
    expect(result.data ?? null).toBeNull();
  });

  it("with the gateway's identity is served as that identity", async () => {
    const result = await graphql(participants.server.url, AUDIT, undefined, await forwarded("admin"));
    expect(result.errors).toBeUndefined();
  });
});

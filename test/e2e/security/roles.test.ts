import { describe, expect, it } from "vitest";
import { bearer, type SignedInRole } from "../../support/auth";
import { graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/** Every protected operation against every role, through the gateway. */
const stack = useTestStack({ ownParticipantsDatabase: "roles", ownAwardsDatabase: "roles" });

type Caller = { name: string; role: SignedInRole | "anonymous"; regencies?: string[] };
const CALLERS: Caller[] = [
  { name: "anonymous", role: "anonymous" },
  { name: "planner", role: "planner" },
  { name: "operator of 16.06", role: "operator", regencies: ["16.06"] },
  { name: "operator of 16.10", role: "operator", regencies: ["16.10"] },
  { name: "admin", role: "admin" },
];

async function headersOf(caller: Caller) {
  return caller.role === "anonymous" ? {} : bearer(caller.role, caller.regencies);
}

let serial = 0;
const report = (regencyCode: string) => ({
  query: `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`,
  variables: () => ({
    input: {
      regencyCode,
      asOf: "2025-06-30",
      activeParticipants: 1000 + ++serial,
      source: { publisher: "Test", title: `Matrix ${serial}` },
    },
  }),
  table: { subgraph: "participants", name: "coverage_report" },
});

const OPERATIONS: {
  name: string;
  allowed: string[];
  query: string;
  variables?: () => Record<string, unknown>;
  table?: { subgraph: "participants" | "awards"; name: string };
}[] = [
  { name: "record a coverage report for 16.06", allowed: ["operator of 16.06", "admin"], ...report("16.06") },
  { name: "record a coverage report for 16.10", allowed: ["operator of 16.10", "admin"], ...report("16.10") },
  {
    name: "create an award category",
    allowed: ["admin"],
    query: `mutation($input: AwardCategoryInput!) { createAwardCategory(input: $input) { code } }`,
    variables: () => ({
      input: { code: `MATRIX_${++serial}`, name: "Uji", nameEn: "Test", nomineeKind: "PROVINCE_GOVERNMENT" },
    }),
    table: { subgraph: "awards", name: "award_category" },
  },
  {
    name: "nominate a village government",
    allowed: ["admin"],
    query: `mutation($input: NominationInput!) { nominate(input: $input) { id } }`,
    variables: () => ({
      input: {
        editionId: "paritrana-2024-sumsel",
        categoryCode: "VILLAGE_GOVERNMENT",
        nominee: { villageCode: "16.06.01.1009" },
        source: { publisher: "Test", title: "Matrix" },
      },
    }),
    table: { subgraph: "awards", name: "nomination" },
  },
  {
    name: "read the breakdown of a coverage report",
    allowed: ["planner", "operator of 16.06", "operator of 16.10", "admin"],
    query: `{ regency(code: "16.10") { coverage(asOf: "2023-12-31") { segments { category persons } } } }`,
  },
  {
    name: "read the participants audit log",
    allowed: ["admin"],
    query: `{ participantsAuditLog { action subject } }`,
  },
  { name: "read the awards audit log", allowed: ["admin"], query: `{ awardsAuditLog { action subject } }` },
];

async function rows(table: { subgraph: "participants" | "awards"; name: string }): Promise<number> {
  const [{ count }] = await stack.subgraphs[table.subgraph].dataSource.query(
    `SELECT count(*)::int AS count FROM ${table.name}`,
  );
  return count;
}

describe("who may do what", () => {
  for (const operation of OPERATIONS) {
    for (const caller of CALLERS) {
      const allowed = operation.allowed.includes(caller.name);
      it(`${caller.name} ${allowed ? "may" : "may not"} ${operation.name}`, async () => {
        const before = operation.table ? await rows(operation.table) : 0;
        const result = await graphql(
          stack.gateway.url,
          operation.query,
          operation.variables?.(),
          await headersOf(caller),
        );
        if (allowed) {
          expect(result.errors).toBeUndefined();
          if (operation.table) expect(await rows(operation.table)).toBe(before + 1);
        } else {
          expect(result.errors?.[0]?.extensions?.code).toBe(
            caller.role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
          );
          if (operation.table) expect(await rows(operation.table)).toBe(before);
        }
      });
    }
  }
});

describe("public figures", () => {
  it("are open to anyone: regions, coverage, awards", async () => {
    const result = await graphql(
      stack.gateway.url,
      `
        {
          regency(code: "16.06") {
            name
            coverage(asOf: "2025-07-31") {
              rate
              gap
            }
            awards {
              title
            }
          }
        }
      `,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.regency.coverage.gap).toBe(8305);
  });

  it("a refused breakdown leaves the rest of the answer in place", async () => {
    const result = await graphql(
      stack.gateway.url,
      `
        {
          regency(code: "16.06") {
            name
            coverage(asOf: "2025-07-31") {
              report {
                activeParticipants
                segments {
                  persons
                }
              }
            }
          }
        }
      `,
    );
    expect(result.data.regency.name).toBe("Kabupaten Musi Banyuasin");
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining("CoverageReport.segments needs a signed-in"),
    });
  });
});

describe("bad tokens at the gateway", () => {
  it("a token signed with another secret is refused with UNAUTHENTICATED, not treated as anonymous", async () => {
    const { mintToken } = await import("@cakupan/launcher");
    const forged = await mintToken({ secret: "not-the-gateway-secret", role: "admin" });
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${forged}` },
      body: JSON.stringify({ query: "{ provinces { code } }" }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining("does not verify"),
    });
  });

  it("an expired token is refused, saying so", async () => {
    const { SignJWT } = await import("jose");
    const { TEST_AUTH_SECRET } = await import("../../support/auth");
    const expired = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("late")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_AUTH_SECRET));
    const result = await graphql(stack.gateway.url, "{ provinces { code } }", undefined, {
      authorization: `Bearer ${expired}`,
    });
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: "Your token has expired: get a new one.",
    });
  });
});

import { type RunningGateway, startGatewayServer } from "@cakupan/gateway";
import { type AuditResult, serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_AUTH_SECRET, TEST_INTERNAL_SECRET } from "../../support/auth";
import { startAwards, startParticipants, startRegencies, type TestSubgraph } from "../../support/servers";

/**
 * graphql-http's audit of the GraphQL-over-HTTP spec, against the gateway as it runs in production
 * (NODE_ENV=production, response cache on), with introspection on and off: every MUST and SHOULD passes.
 */
let subgraphs: TestSubgraph[];
let subgraphUrls: Record<string, string>;
const nodeEnv = process.env.NODE_ENV;
beforeAll(async () => {
  process.env.NODE_ENV = "production";
  subgraphs = [await startRegencies(), await startParticipants(), await startAwards()];
  subgraphUrls = {
    regencies: subgraphs[0].server.url,
    participants: subgraphs[1].server.url,
    awards: subgraphs[2].server.url,
  };
});
afterAll(async () => {
  process.env.NODE_ENV = nodeEnv;
  await Promise.all(subgraphs.map((subgraph) => subgraph.server.stop()));
});

/** What failed, readably: the audit's name, its status and reason. */
async function auditFailures(gateway: RunningGateway): Promise<string[]> {
  const audits = serverAudits({ url: gateway.url }).filter((audit) => !audit.name.startsWith("MAY"));
  const results: AuditResult[] = [];
  for (const audit of audits) results.push(await audit.fn());
  return results
    .filter((result) => result.status !== "ok")
    .map((result) => `${result.name}: ${result.status} ${"reason" in result ? result.reason : ""}`);
}

describe("the GraphQL-over-HTTP audit (graphql-http) of the production gateway", () => {
  for (const introspection of [true, false]) {
    it(`passes every MUST and SHOULD with introspection ${introspection ? "on" : "off"}`, async () => {
      const gateway = await startGatewayServer({
        subgraphUrls,
        auth: { secret: TEST_AUTH_SECRET },
        internalSecret: TEST_INTERNAL_SECRET,
        introspection,
      });
      try {
        expect(await auditFailures(gateway)).toEqual([]);
      } finally {
        await gateway.stop();
      }
    });
  }
});

import { type RunningGateway, startGatewayServer } from "@cakupan/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, TEST_AUTH_SECRET } from "../../support/auth";
import { startAwards, startParticipants, startRegencies, type TestSubgraph } from "../../support/servers";

/** Each client (its address, or its token's subject when signed in) has its own allowance of requests. */
let subgraphs: TestSubgraph[];
let gateway: RunningGateway;
beforeAll(async () => {
  subgraphs = [await startRegencies(), await startParticipants(), await startAwards()];
  gateway = await startGatewayServer({
    subgraphUrls: {
      regencies: subgraphs[0].server.url,
      participants: subgraphs[1].server.url,
      awards: subgraphs[2].server.url,
    },
    auth: { secret: TEST_AUTH_SECRET },
    rateLimit: { requests: 5, windowSeconds: 60 },
  });
});
afterAll(async () => {
  await gateway.stop();
  await Promise.all(subgraphs.map((subgraph) => subgraph.server.stop()));
});

const ask = (headers: Record<string, string> = {}) =>
  fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ provinces { code } }" }),
  });
const statuses = async (times: number, headers: Record<string, string> = {}) => {
  const answers: number[] = [];
  for (let i = 0; i < times; i++) answers.push((await ask(headers)).status);
  return answers;
};

describe("rate limiting", () => {
  it("answers 429 with Retry-After and a JSON error once a client has used its allowance", async () => {
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await refused.json()).errors[0]).toMatchObject({
      extensions: { code: "RATE_LIMITED" },
      message: expect.stringContaining("5 requests"),
    });
  });

  it("does not give a fresh allowance to a client that claims another address in X-Forwarded-For", async () => {
    expect((await ask({ "x-forwarded-for": "203.0.113.9" })).status).toBe(429);
  });

  it("counts a signed-in user by the token's subject, apart from the address they share", async () => {
    expect(await statuses(5, await bearer("planner", [], "planner-a"))).toEqual([200, 200, 200, 200, 200]);
    expect((await ask(await bearer("planner", [], "planner-a"))).status).toBe(429);
    expect((await ask(await bearer("planner", [], "planner-b"))).status).toBe(200);
  });

  it("leaves health checks alone", async () => {
    expect((await fetch(gateway.url.replace("/graphql", "/health"))).status).toBe(200);
  });
});

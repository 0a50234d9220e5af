import { IDENTITY_HEADER } from "@cakupan/kit";
import { describe, expect, it } from "vitest";
import { mergeInFlight } from "../src/gateway";

/** A subgraph that answers after a moment, counting what it was sent. */
function slowSubgraph() {
  const calls: string[] = [];
  const fetcher = (async (_url: string, init: { body: string }) => {
    calls.push(init.body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return new Response(JSON.stringify({ data: { answer: calls.length } }), { status: 200, headers: { "content-type": "application/json" } });
  }) as never;
  return { calls, fetcher };
}

const QUERY = JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Regency{coverage{rate}}}}', variables: { representations: [{ __typename: "Regency", code: "16.06" }] } });
const MUTATION = JSON.stringify({ query: 'mutation{recordCoverageReport(input:{regencyCode:"16.06"}){id}}' });

describe("merging identical subgraph requests in flight", () => {
  it("sends identical queries in flight at once only once, and gives every caller its own copy", async () => {
    const { calls, fetcher } = slowSubgraph();
    const stats = { sent: 0, merged: 0 };
    const merged = mergeInFlight(fetcher, stats);
    const responses = await Promise.all(Array.from({ length: 10 }, () => merged("http://s/graphql", { body: QUERY, headers: {} } as never)));
    expect(calls).toHaveLength(1);
    expect(stats).toEqual({ sent: 1, merged: 9 });
    const bodies = await Promise.all(responses.map((r: Response) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b)))).toEqual(new Set([JSON.stringify({ data: { answer: 1 } })]));
    bodies[0].data.answer = 99;
    expect(bodies[1].data.answer).toBe(1);
  });

  it("asks again once the first answer is in: nothing is kept after the request", async () => {
    const { calls, fetcher } = slowSubgraph();
    const merged = mergeInFlight(fetcher);
    await merged("http://s/graphql", { body: QUERY, headers: {} } as never);
    await merged("http://s/graphql", { body: QUERY, headers: {} } as never);
    expect(calls).toHaveLength(2);
  });

  it("never merges mutations", async () => {
    const { calls, fetcher } = slowSubgraph();
    const merged = mergeInFlight(fetcher);
    await Promise.all([merged("http://s/graphql", { body: MUTATION, headers: {} } as never), merged("http://s/graphql", { body: MUTATION, headers: {} } as never)]);
    expect(calls).toHaveLength(2);
  });

  it("never merges the requests of different callers", async () => {
    const { calls, fetcher } = slowSubgraph();
    const merged = mergeInFlight(fetcher);
    await Promise.all([
      merged("http://s/graphql", { body: QUERY, headers: { [IDENTITY_HEADER]: "token-of-siti" } } as never),
      merged("http://s/graphql", { body: QUERY, headers: { [IDENTITY_HEADER]: "token-of-budi" } } as never),
      merged("http://s/graphql", { body: QUERY, headers: {} } as never),
    ]);
    expect(calls).toHaveLength(3);
  });

  it("shares a failure with the callers that waited on it, and the next request tries again", async () => {
    let attempt = 0;
    const failing = (async () => {
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error("connection refused");
    }) as never;
    const merged = mergeInFlight(failing);
    const results = await Promise.allSettled([merged("http://s/graphql", { body: QUERY, headers: {} } as never), merged("http://s/graphql", { body: QUERY, headers: {} } as never)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(attempt).toBe(1);
    await merged("http://s/graphql", { body: QUERY, headers: {} } as never).catch(() => {});
    expect(attempt).toBe(2);
  });
});

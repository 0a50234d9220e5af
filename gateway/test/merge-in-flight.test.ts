import { IDENTITY_HEADER } from "@cakupan/core";
import { describe, expect, it } from "vitest";
import { mergeInFlight, type Send } from "../src/subgraph-client";

/** A subgraph that answers after a moment, counting what it was sent. */
function slowSubgraph() {
  const calls: string[] = [];
  const send: Send = async (_url, _headers, body) => {
    calls.push(body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      status: 200,
      statusText: "OK",
      headers: { "content-type": "application/json" },
      text: JSON.stringify({ data: { answer: calls.length } }),
    };
  };
  return { calls, send };
}

const QUERY = JSON.stringify({
  query:
    "query($representations:[_Any!]!){_entities(representations:$representations){...on Regency{coverage{rate}}}}",
  variables: { representations: [{ __typename: "Regency", code: "16.06" }] },
});
const MUTATION = JSON.stringify({ query: 'mutation{recordCoverageReport(input:{regencyCode:"16.06"}){id}}' });

describe("merging identical subgraph requests in flight", () => {
  it("sends identical queries in flight at once only once, and every caller reads its own copy of the answer", async () => {
    const { calls, send } = slowSubgraph();
    const stats = { sent: 0, merged: 0 };
    const merged = mergeInFlight(send, stats);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => merged("http://s/graphql", {}, QUERY, "query")),
    );
    expect(calls).toHaveLength(1);
    expect(stats).toEqual({ sent: 1, merged: 9 });
    const bodies = responses.map((answer) => JSON.parse(answer.text));
    expect(new Set(bodies.map((b) => JSON.stringify(b)))).toEqual(
      new Set([JSON.stringify({ data: { answer: 1 } })]),
    );
    bodies[0].data.answer = 99;
    expect(bodies[1].data.answer).toBe(1);
  });

  it("gives every merged caller the one tree parsed from the body, equal to JSON.parse of it (read-only: the executor copies on write)", async () => {
    // An own "__proto__" field, as JSON.parse makes it; integer-like keys, which objects order first.
    const text =
      '{"data":{"_entities":[{"coverage":{"rate":0.5,"n":1e+21,"2":[1,{"a":null}],"__proto__":{"x":1},"b":true}}]}}';
    const send: Send = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { status: 200, statusText: "OK", headers: {}, text };
    };
    const merged = mergeInFlight(send);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => merged("http://s/graphql", {}, QUERY, "query")),
    );
    const trees = answers.map((answer) => answer.json());
    expect(new Set(trees).size).toBe(1);
    expect(trees[0]).toStrictEqual(JSON.parse(text));
    expect(JSON.stringify(trees[0])).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("asks again once the first answer is in: nothing is kept after the request", async () => {
    const { calls, send } = slowSubgraph();
    const merged = mergeInFlight(send);
    await merged("http://s/graphql", {}, QUERY, "query");
    await merged("http://s/graphql", {}, QUERY, "query");
    expect(calls).toHaveLength(2);
  });

  it("never merges mutations", async () => {
    const { calls, send } = slowSubgraph();
    const merged = mergeInFlight(send);
    await Promise.all([
      merged("http://s/graphql", {}, MUTATION, "mutation"),
      merged("http://s/graphql", {}, MUTATION, "mutation"),
    ]);
    expect(calls).toHaveLength(2);
  });

  it("never merges the requests of different callers", async () => {
    const { calls, send } = slowSubgraph();
    const merged = mergeInFlight(send);
    await Promise.all([
      merged("http://s/graphql", { [IDENTITY_HEADER]: "token-of-siti" }, QUERY, "query"),
      merged("http://s/graphql", { [IDENTITY_HEADER]: "token-of-budi" }, QUERY, "query"),
      merged("http://s/graphql", {}, QUERY, "query"),
    ]);
    expect(calls).toHaveLength(3);
  });

  it("shares a failure with the callers that waited on it, and the next request tries again", async () => {
    let attempt = 0;
    const failing: Send = async () => {
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error("connection refused");
    };
    const merged = mergeInFlight(failing);
    const results = await Promise.allSettled([
      merged("http://s/graphql", {}, QUERY, "query"),
      merged("http://s/graphql", {}, QUERY, "query"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(attempt).toBe(1);
    await merged("http://s/graphql", {}, QUERY, "query").catch(() => {});
    expect(attempt).toBe(2);
  });
});

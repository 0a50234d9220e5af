import { describe, expect, it } from "vitest";
import { operationKind } from "../src/operation-kind";
import { SubgraphUnavailable, upstream } from "../src/upstream";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:4003"), { code: "ECONNREFUSED" });

/** A subgraph exchange that fails `failures` times with a refused connection, then answers. */
function flaky(failures: number) {
  let attempts = 0;
  return {
    get attempts() {
      return attempts;
    },
    work: async () => {
      attempts += 1;
      if (attempts <= failures) throw refused();
      return "answer";
    },
  };
}

describe("a subgraph's upstream policy", () => {
  it("retries a query once when its connection failed", async () => {
    const policy = upstream("awards", { timeoutMs: 1000 });
    const exchange = flaky(1);
    expect(await policy.execute("query", exchange.work)).toBe("answer");
    expect(exchange.attempts).toBe(2);
  });

  it("never retries a mutation: it fails as SUBGRAPH_UNAVAILABLE after one attempt", async () => {
    const policy = upstream("participants", { timeoutMs: 1000 });
    const exchange = flaky(1);
    const error = await policy.execute("mutation", exchange.work).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphUnavailable);
    expect(error).toMatchObject({ serviceName: "participants", reason: "UNREACHABLE" });
    expect((error as SubgraphUnavailable).clientMessage("mutation")).toBe(
      "participants unavailable: the participants service is not reachable. Nothing was changed: send it again shortly.",
    );
    expect(exchange.attempts).toBe(1);
  });

  it("abandons an exchange after the subgraph's own timeout, saying a mutation may have been applied", async () => {
    const policy = upstream("participants", { timeoutMs: 50 });
    const error = (await policy
      .execute(
        "mutation",
        (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      )
      .catch((e: unknown) => e)) as SubgraphUnavailable;
    expect(error.reason).toBe("TIMEOUT");
    expect(error.clientMessage("mutation")).toContain(
      "did not answer within 50 ms. The change may or may not have been applied",
    );
  });

  it("opens the circuit after consecutive failures, fails fast while open, and closes after a good probe", async () => {
    const states: string[] = [];
    const policy = upstream(
      "awards",
      { timeoutMs: 1000, breakerFailures: 3, halfOpenAfterMs: 400 },
      { onCircuitState: (_, state) => states.push(state) },
    );
    const down = flaky(Infinity);
    for (let i = 0; i < 2; i++) await policy.execute("query", down.work).catch(() => {});
    expect(policy.state()).toBe("open");
    const attemptsWhenOpened = down.attempts;
    const fast = await policy.execute("query", down.work).catch((e: SubgraphUnavailable) => e);
    expect(fast).toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(down.attempts).toBe(attemptsWhenOpened);

    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await policy.execute("query", async () => "back")).toBe("back");
    expect(policy.state()).toBe("closed");
    expect(states).toEqual(["open", "half-open", "closed"]);
  });

  it("does not count a subgraph's own error answer (a GraphQL error) against the circuit", async () => {
    const policy = upstream("awards", { timeoutMs: 1000, breakerFailures: 1 });
    await policy
      .execute("query", async () => Promise.reject(new Error("Cannot query field")))
      .catch(() => {});
    expect(policy.state()).toBe("closed");
  });
});

describe("the kind of a subgraph operation", () => {
  it("is read from the parsed document, not from its text", () => {
    expect(operationKind("query Q { a }")).toBe("query");
    expect(operationKind("{ a }")).toBe("query");
    expect(operationKind("  # a mutation\n mutation M { record { id } }")).toBe("mutation");
    expect(operationKind("not graphql")).toBe("unknown");
  });
});

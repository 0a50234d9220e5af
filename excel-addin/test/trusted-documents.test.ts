import { beforeAll, describe, expect, it } from "vitest";
import { useTestStack } from "../../test/support/servers";
import { installStubRuntime } from "./stub-runtime";

installStubRuntime();
const { FUNCTIONS, useJsk } = await import("../src/functions/functions");
const { Jsk } = await import("../src/functions/jsk");

/**
 * A gateway that runs only registered operations for anonymous callers: the add-in's batches are made of
 * registered lookups' root fields under aliases, so a planner without a token still gets the public figures.
 */
const stack = useTestStack({ gateway: { trustedDocuments: "only-anonymous" } });
beforeAll(() => {
  useJsk(new Jsk(() => ({ url: stack.gateway.url, token: null })));
});

describe("the add-in under TRUSTED_DOCUMENTS=only-anonymous, without a token", () => {
  it("answers batched cells of several lookups", async () => {
    const [rate, workforce, table] = await Promise.all([
      FUNCTIONS.COVERAGE("Muba", "2025-07-31"),
      FUNCTIONS.WORKFORCE("16.06", 2025),
      FUNCTIONS.TABLE("16", "code,active", "2025-07-31"),
    ]);
    expect(rate).toBeCloseTo(0.4826, 4);
    expect(workforce).toBe(213582);
    expect(table).toContainEqual(["16.06", 103079]);
  });

  it("answers HISTORY and AWARDS, whose lookups take optional dates", async () => {
    expect((await FUNCTIONS.HISTORY("Muba")).length).toBe(4);
    expect((await FUNCTIONS.AWARDS("Muba"))[1]).toContain("Juara I");
  });
});

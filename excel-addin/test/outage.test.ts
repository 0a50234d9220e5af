import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwards, startParticipants, useTestStack } from "../../test/support/servers";
import { installStubRuntime, StubCustomFunctionError, StubStreamingInvocation } from "./stub-runtime";

installStubRuntime();
const { FUNCTIONS, liveHub, useJsk } = await import("../src/functions/functions");
const { Jsk } = await import("../src/functions/jsk");

/**
 * A sheet while one service is down: only the cells that need it show #N/A "<service> unavailable", every
 * other figure is there; LIVE cells say when their heartbeat stops and come back by themselves.
 */
const heartbeatBefore = process.env.LIVE_HEARTBEAT_MS;
// Registered first, so it runs last: after the stack has stopped.
afterAll(() => {
  if (heartbeatBefore === undefined) delete process.env.LIVE_HEARTBEAT_MS;
  else process.env.LIVE_HEARTBEAT_MS = heartbeatBefore;
});
const stack = useTestStack(async () => {
  // Heartbeats every 200 ms, so that a stopped stream shows within a second.
  process.env.LIVE_HEARTBEAT_MS = "200";
  return {};
});

beforeAll(() => {
  useJsk(new Jsk(() => ({ url: stack.gateway.url })));
});
afterAll(() => liveHub().close());

async function errorOf(promise: Promise<unknown>): Promise<StubCustomFunctionError> {
  try {
    await promise;
  } catch (error) {
    return error as StubCustomFunctionError;
  }
  throw new Error("expected the cell to show an error");
}

/** The first result the cell shows after its `from`-th that satisfies `predicate`. */
async function resultAfter<T>(
  cell: StubStreamingInvocation<T>,
  from: number,
  predicate: (value: T | Error) => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = cell.results.slice(from).find(predicate);
    if (found !== undefined) return { value: found, index: cell.results.indexOf(found, from) };
    if (Date.now() > deadline)
      throw new Error(
        `no such result within ${timeoutMs} ms; got ${cell.results.slice(from).map(String).join(", ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Asks again until the figure is there: after a service's return, its circuit lets a probe through within a second. */
async function untilWhole<T>(
  work: () => Promise<T>,
  whole: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await work().catch((error: unknown) => error as T);
    if (whole(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withStopped(name: "awards" | "participants", work: () => Promise<void>): Promise<void> {
  const port = stack.subgraphs[name].server.port;
  await stack.subgraphs[name].server.stop();
  try {
    await work();
  } finally {
    stack.subgraphs[name] = await (name === "awards"
      ? startAwards(undefined, port)
      : startParticipants(undefined, port));
  }
}

describe("JSK cells while a service is down", () => {
  it("shows #N/A awards unavailable only in the cells that need awards", async () => {
    await withStopped("awards", async () => {
      const [awards, rate, workforce] = await Promise.allSettled([
        FUNCTIONS.AWARDS("Muba"),
        FUNCTIONS.COVERAGE("Muba", "2025-07-31"),
        FUNCTIONS.WORKFORCE("Muba", 2025),
      ]);
      expect(awards.status).toBe("rejected");
      expect((awards as PromiseRejectedResult).reason).toMatchObject({
        code: "#N/A",
        message: expect.stringMatching(/^awards unavailable: /),
      });
      expect((rate as PromiseFulfilledResult<number>).value).toBeCloseTo(0.4826, 4);
      expect((workforce as PromiseFulfilledResult<number>).value).toBe(213582);
    });
  });

  it("spills a province table with its regions and #N/A only in the coverage columns", async () => {
    await withStopped("participants", async () => {
      const table = await FUNCTIONS.TABLE("16", "code,name,rate", "2025-07-31");
      expect(table[0]).toEqual(["code", "name", "rate"]);
      const muba = table.find((row) => row[0] === "16.06")!;
      expect(muba[1]).toBe("Kabupaten Musi Banyuasin");
      expect(muba[2]).toBeInstanceOf(StubCustomFunctionError);
      expect(muba[2]).toMatchObject({
        code: "#N/A",
        message: expect.stringMatching(/^participants unavailable: /),
      });
      const coverage = await errorOf(FUNCTIONS.COVERAGE("Muba", "2025-07-31"));
      expect(coverage.message).toMatch(/^participants unavailable: /);
    });
    const muba = (table: unknown[][]) => table.find((row) => row[0] === "16.06")!;
    const table = await untilWhole(
      () => FUNCTIONS.TABLE("16", "code,rate", "2025-07-31"),
      (t) => Array.isArray(t) && typeof muba(t)[1] === "number",
    );
    expect(muba(table)[1]).toBeCloseTo(0.4826, 4);
  });
});

describe("JSK.LIVE when the stream's heartbeat stops", () => {
  it("shows #N/A saying since when the figure may be stale, then the figure again once the stream is back", async () => {
    await untilWhole(
      () => FUNCTIONS.COVERAGE("Muba", "2025-07-31"),
      (value) => typeof value === "number",
    );
    const cell = new StubStreamingInvocation<number>();
    FUNCTIONS.LIVE("Muba", "active", cell as never);
    const first = await resultAfter(cell, 0, (v) => typeof v === "number", 5000);
    let staleAt = 0;
    await withStopped("participants", async () => {
      const stale = await resultAfter(
        cell,
        first.index + 1,
        (v) => v instanceof StubCustomFunctionError,
        5000,
      );
      expect(stale.value).toMatchObject({
        code: "#N/A",
        message: expect.stringMatching(
          /^Live updates stopped at \d\d:\d\d:\d\d: this figure \(last value \d+\) may be stale/,
        ),
      });
      staleAt = stale.index;
    });
    const back = await resultAfter(cell, staleAt + 1, (v) => typeof v === "number", 10_000);
    expect(back.value).toBe(first.value);
    cell.cancel();
  });
});

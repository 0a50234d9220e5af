import { describe, expect, it } from "vitest";
import {
  backFromWindow,
  type Clock,
  latencyPerWindow,
  openLoopSchedule,
  percentile,
  runOpenLoopClient,
} from "@cakupan/launcher";

/** A clock whose time moves only when a client sleeps: the schedule's logic, without real timing. */
function manualClock(start = 0): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("cluster:chaos's open-loop load", () => {
  it("schedules rate × seconds requests in all, evenly spaced at 1 / rate", () => {
    const schedule = openLoopSchedule(400, 2, 20);
    const all = schedule.flat().sort((a, b) => a - b);
    expect(all).toHaveLength(800);
    expect(all.slice(0, 3)).toEqual([0, 2.5, 5]);
    expect(all.every((due, i) => i === 0 || due - all[i - 1] === 2.5)).toBe(true);
  });

  it("gives each client an equal share, every clients / rate seconds", () => {
    const schedule = openLoopSchedule(400, 2, 20);
    expect(schedule.map((due) => due.length)).toEqual(Array(20).fill(40));
    expect(schedule[3].slice(0, 3)).toEqual([7.5, 57.5, 107.5]);
  });

  it("sends each request when due without waiting for the answers of those before", async () => {
    const clock = manualClock(1000);
    const dueAts: number[] = [];
    const neverAnswered = new Promise<void>(() => {});
    const sending = runOpenLoopClient(
      [0, 50, 100],
      1000,
      async (dueAt) => {
        dueAts.push(dueAt);
        await neverAnswered;
      },
      clock,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(dueAts).toEqual([1000, 1050, 1100]);
    expect(clock.slept).toEqual([50, 50]);
    void sending;
  });

  it("sends a request whose time has passed at once, dated when it was due", async () => {
    const clock = manualClock(1200);
    const dueAts: number[] = [];
    await runOpenLoopClient([0, 100, 300], 1000, async (dueAt) => void dueAts.push(dueAt), clock);
    expect(dueAts).toEqual([1000, 1100, 1300]);
    expect(clock.slept).toEqual([100]);
  });

  it("settles only once every request it sent has settled", async () => {
    const clock = manualClock(0);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let settled = false;
    const sending = runOpenLoopClient([0], 0, () => answered, clock).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    answer();
    await sending;
    expect(settled).toBe(true);
  });
});

describe("cluster:chaos's recovery figures", () => {
  it("is back from the first window after which every window reaches the threshold", () => {
    expect(backFromWindow([300, 500, 700, 820, 810, 900], 800)).toBe(3);
  });

  it("is back at 0 s when no window fell below the threshold", () => {
    expect(backFromWindow([800, 820, 900], 800)).toBe(0);
  });

  it("counts a later dip: back only after the last window below the threshold", () => {
    expect(backFromWindow([900, 850, 700, 900, 900], 800)).toBe(3);
  });

  it("is not back within the run when the last window is below the threshold", () => {
    expect(backFromWindow([900, 900, 790], 800)).toBeUndefined();
  });

  it("reads percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBeUndefined();
  });

  it("reads each window's latency from the requests sent in it, lost ones included", () => {
    const outcomes = [
      { startedAt: 1000, endedAt: 1002, ok: true },
      { startedAt: 1500, endedAt: 1504, ok: true },
      { startedAt: 1900, endedAt: 2400, ok: false },
      { startedAt: 2100, endedAt: 2103, ok: true },
      { startedAt: 999, endedAt: 5000, ok: true },
    ];
    expect(latencyPerWindow(outcomes, 1000, 3)).toEqual([
      { sent: 3, p50: 4, p99: 500 },
      { sent: 1, p50: 3, p99: 3 },
      { sent: 0, p50: undefined, p99: undefined },
    ]);
  });
});

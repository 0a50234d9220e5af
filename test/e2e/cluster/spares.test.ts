import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SupervisedPart, superviseScript } from "./supervised-part";

/**
 * With spares, the supervisor keeps a second process of every part booted and waiting, which takes over the
 * part's port when the part dies, instead of a replacement booting only then. The part here listens through
 * @cakupan/core's listen, as the gateway and the subgraphs do, and says which process answered.
 */
const CORE = join(__dirname, "..", "..", "..", "core", "dist", "index.js");
const PART = `
const { createServer } = require("node:http");
const { listen } = require(${JSON.stringify(CORE)});
listen(createServer((request, response) => response.end(JSON.stringify({ pid: process.pid }))), Number(process.env.PORT), "127.0.0.1");
`;

describe("a part the supervisor keeps a spare of", () => {
  let part: SupervisedPart;

  beforeAll(async () => {
    part = await superviseScript("spares", PART, () => ({ spares: true, stableAfterMs: 500 }));
    await part.supervisor.sparesStandingBy(20_000);
  });

  afterAll(async () => {
    await part?.stop();
  });

  const answeringPid = async () => ((await (await fetch(part.url)).json()) as { pid: number }).pid;

  it("keeps the spare waiting without serving: the part still answers alone", async () => {
    const spare = part.supervisor.sparePid("part");
    expect(spare).toBeDefined();
    expect(spare).not.toBe(part.supervisor.pid("part"));
    expect(await answeringPid()).toBe(part.supervisor.pid("part"));
  });

  it("hands the port of a part killed from outside to its spare, and boots a new spare once that one has run stableAfterMs", async () => {
    const killed = part.supervisor.pid("part")!;
    const spare = part.supervisor.sparePid("part")!;
    process.kill(killed, "SIGKILL");
    await expect
      .poll(() => answeringPid().catch(() => undefined), { timeout: 20_000, interval: 50 })
      .toBe(spare);
    expect(part.supervisor.pid("part")).toBe(spare);
    await part.supervisor.sparesStandingBy(20_000);
    expect([killed, spare]).not.toContain(part.supervisor.sparePid("part"));
  });
});

/** Fields of /proc/<pid>/task/<tid>/stat after the command name: the 17th is the nice value, the 39th the policy. */
const PRIORITY_PART = `
const { createServer } = require("node:http");
const { readdirSync, readFileSync } = require("node:fs");
const { listen } = require(${JSON.stringify(CORE)});
const threadStats = () =>
  readdirSync("/proc/self/task").map((t) => readFileSync(\`/proc/self/task/\${t}/stat\`, "utf8").split(") ")[1].split(" "));
listen(
  createServer((request, response) =>
    response.end(JSON.stringify({
      pid: process.pid,
      threadNices: threadStats().map((fields) => Number(fields[16])),
      threadPolicies: threadStats().map((fields) => Number(fields[38])),
    })),
  ),
  Number(process.env.PORT),
  "127.0.0.1",
);
`;
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;
const canRaise = process.platform === "linux" && process.getuid?.() === 0;

describe.skipIf(!canRaise)(
  `a spare with restarts at low priority${canRaise ? "" : " (skipped: needs Linux and root)"}`,
  () => {
    let part: SupervisedPart;

    beforeAll(async () => {
      part = await superviseScript("spare-priority", PRIORITY_PART, () => ({
        spares: true,
        restartNice: 19,
        restartIdle: true,
      }));
      await part.supervisor.sparesStandingBy(20_000);
    });

    afterAll(async () => {
      await part?.stop();
    });

    const threadsOf = (pid: number) =>
      readdirSync(`/proc/${pid}/task`).map((thread) =>
        readFileSync(`/proc/${pid}/task/${thread}/stat`, "utf8").split(") ")[1].split(" "),
      );

    it("stands by at nice 19 under SCHED_IDLE", () => {
      const threads = threadsOf(part.supervisor.sparePid("part")!);
      expect(new Set(threads.map((fields) => Number(fields[16])))).toEqual(new Set([19]));
      expect(new Set(threads.map((fields) => Number(fields[38])))).toEqual(new Set([SCHED_IDLE]));
    });

    it("serves at normal priority, every thread, once it took over", async () => {
      const spare = part.supervisor.sparePid("part")!;
      process.kill(part.supervisor.pid("part")!, "SIGKILL");
      const state = async () =>
        (await (await fetch(part.url)).json()) as {
          pid: number;
          threadNices: number[];
          threadPolicies: number[];
        };
      await expect
        .poll(
          async () => {
            const now = await state().catch(() => undefined);
            return now?.pid === spare &&
              now.threadNices.every((nice) => nice === 0) &&
              now.threadPolicies.every((policy) => policy === SCHED_OTHER)
              ? now.pid
              : undefined;
          },
          { timeout: 20_000, interval: 50 },
        )
        .toBe(spare);
    });
  },
);

describe("a supervisor without spares", () => {
  let part: SupervisedPart;

  beforeAll(async () => {
    part = await superviseScript("no-spares", PART, () => ({}));
  });

  afterAll(async () => {
    await part?.stop();
  });

  it("starts no spare, and has every part's spare standing by at once (npm run cluster waits for them)", async () => {
    await part.supervisor.sparesStandingBy(1000);
    expect(part.supervisor.sparePid("part")).toBeUndefined();
  });
});

import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SupervisedPart, superviseScript } from "./supervised-part";

/**
 * `npm run cluster` replaces a replica that died at low CPU priority (restartNice, and SCHED_IDLE with
 * restartIdle), so the replicas still serving keep the cores while it boots, and gives it back normal
 * priority once it is ready. The part here is a small HTTP server that says which nice value and scheduling
 * policy it had when first asked /ready, and what every one of its threads has now. Raising a priority back
 * needs root (or RLIMIT_NICE) on Linux, and chrt (util-linux); elsewhere this is skipped.
 */
const PART = `
const { createServer } = require("node:http");
const { getPriority } = require("node:os");
const { readdirSync, readFileSync } = require("node:fs");
let niceWhenFirstReady;
let policyWhenFirstReady;
// Fields of /proc/<pid>/task/<tid>/stat after the command name (field 2): 19, the thread's nice value, is
// the 17th; 41, its scheduling policy (0 SCHED_OTHER, 5 SCHED_IDLE), the 39th.
const threadStats = () =>
  readdirSync("/proc/self/task").map((t) => readFileSync(\`/proc/self/task/\${t}/stat\`, "utf8").split(") ")[1].split(" "));
const threadNices = () => threadStats().map((fields) => Number(fields[16]));
const threadPolicies = () => threadStats().map((fields) => Number(fields[38]));
createServer((request, response) => {
  // NEVER_READY: a replacement that keeps booting (given through restartEnv).
  if (request.url === "/ready" && process.env.NEVER_READY) response.statusCode = 503;
  else if (request.url === "/ready") {
    niceWhenFirstReady ??= getPriority();
    policyWhenFirstReady ??= threadPolicies()[0];
  }
  response.end(
    JSON.stringify({ niceWhenFirstReady, policyWhenFirstReady, threadNices: threadNices(), threadPolicies: threadPolicies() }),
  );
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

const hasChrt = () => {
  try {
    execFileSync("chrt", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const canRaise = process.platform === "linux" && process.getuid?.() === 0 && hasChrt();

describe.skipIf(!canRaise)(
  `a replica restarted by the cluster's supervisor${canRaise ? "" : " (skipped: needs Linux, root and chrt)"}`,
  () => {
    let part: SupervisedPart;

    beforeAll(async () => {
      part = await superviseScript("restart-priority", PART, () => ({ restartNice: 19, restartIdle: true }));
    });

    afterAll(async () => {
      await part?.stop();
    });

    const state = async () =>
      (await (await fetch(`${part.url}/state`)).json()) as {
        niceWhenFirstReady?: number;
        policyWhenFirstReady?: number;
        threadNices: number[];
        threadPolicies: number[];
      };

    it("starts a part the first time at normal priority", async () => {
      expect(await state()).toMatchObject({ niceWhenFirstReady: 0, policyWhenFirstReady: SCHED_OTHER });
    });

    it("boots a part killed from outside at nice 19 under SCHED_IDLE, and raises every thread back to normal once ready", async () => {
      const first = part.supervisor.pid("part")!;
      process.kill(first, "SIGKILL");
      await expect
        .poll(
          async () => {
            if (part.supervisor.pid("part") === first) return undefined;
            const now = await state().catch(() => undefined);
            return now?.threadNices.every((nice) => nice === 0) &&
              now.threadPolicies.every((policy) => policy === SCHED_OTHER)
              ? now
              : undefined;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBeDefined();
      const now = await state();
      expect(now.niceWhenFirstReady).toBe(19);
      expect(now.policyWhenFirstReady).toBe(SCHED_IDLE);
      expect(now.threadNices.length).toBeGreaterThan(1);
      expect(new Set(now.threadNices)).toEqual(new Set([0]));
      expect(new Set(now.threadPolicies)).toEqual(new Set([SCHED_OTHER]));
    });
  },
);

describe.skipIf(!canRaise)(
  `a replacement the cluster's supervisor restarted that is still not ready after restartIdleMs${canRaise ? "" : " (skipped: needs Linux, root and chrt)"}`,
  () => {
    let part: SupervisedPart;
    let first: number;

    beforeAll(async () => {
      part = await superviseScript(
        "restart-idle-bound",
        PART,
        () => ({ restartNice: 19, restartIdle: true, restartIdleMs: 500 }),
        { restartEnv: { NEVER_READY: "1" } },
      );
      first = part.supervisor.pid("part")!;
      process.kill(first, "SIGKILL");
      const deadline = Date.now() + 20_000;
      while (!(
        part.supervisor.pid("part") !== first && (await fetch(`${part.url}/state`).catch(() => null))
      )) {
        if (Date.now() > deadline) throw new Error("the part was not restarted within 20 s");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    afterAll(async () => {
      await part?.stop();
    });

    const state = async () =>
      (await (await fetch(`${part.url}/state`)).json()) as {
        threadNices: number[];
        threadPolicies: number[];
      };

    it("gives the replacement its restartEnv on top of the part's env", async () => {
      expect((await fetch(`${part.url}/ready`)).status).toBe(503);
    });

    it("moves every thread of it from SCHED_IDLE to SCHED_OTHER, still at nice 19", async () => {
      await expect
        .poll(async () => (await state()).threadPolicies.every((policy) => policy === SCHED_OTHER), {
          timeout: 10_000,
          interval: 100,
        })
        .toBe(true);
      expect(new Set((await state()).threadNices)).toEqual(new Set([19]));
    });
  },
);

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, Supervisor } from "@cakupan/launcher";
import { createLogger } from "@cakupan/observability";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run cluster` replaces a replica that died at low CPU priority (restartNice), so the replicas still
 * serving keep the cores while it boots, and gives it back normal priority once it is ready. The part here is
 * a small HTTP server that says which nice value it had when first asked /ready, and what every one of its
 * threads has now. Raising a priority back needs root (or RLIMIT_NICE) on Linux; elsewhere this is skipped.
 */
const PART = `
const { createServer } = require("node:http");
const { getPriority } = require("node:os");
const { readdirSync, readFileSync } = require("node:fs");
let niceWhenFirstReady;
// Field 19 of /proc/<pid>/task/<tid>/stat, the 17th after the command name: the thread's nice value.
const threadNices = () =>
  readdirSync("/proc/self/task").map((t) => Number(readFileSync(\`/proc/self/task/\${t}/stat\`, "utf8").split(") ")[1].split(" ")[16]));
createServer((request, response) => {
  if (request.url === "/ready") niceWhenFirstReady ??= getPriority();
  response.end(JSON.stringify({ niceWhenFirstReady, threadNices: threadNices() }));
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

const canRaise = process.platform === "linux" && process.getuid?.() === 0;

describe.skipIf(!canRaise)(
  `a replica restarted by the cluster's supervisor${canRaise ? "" : " (skipped: needs Linux and root)"}`,
  () => {
    let dir: string;
    let supervisor: Supervisor;
    let url: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "cakupan-restart-priority-"));
      const script = join(dir, "part.js");
      writeFileSync(script, PART);
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      supervisor = new Supervisor({
        log: createLogger("restart-priority", { level: "silent" }),
        restartNice: 19,
        onGiveUp: (reason) => {
          throw new Error(reason);
        },
      });
      await supervisor.start({ name: "part", script, env: { PORT: String(port) }, readyUrl: `${url}/ready` });
    });

    afterAll(async () => {
      await supervisor?.stopAll();
      rmSync(dir, { recursive: true, force: true });
    });

    const state = async () =>
      (await (await fetch(`${url}/state`)).json()) as { niceWhenFirstReady?: number; threadNices: number[] };

    it("starts a part the first time at normal priority", async () => {
      expect(await state()).toMatchObject({ niceWhenFirstReady: 0 });
    });

    it("boots a part killed from outside at nice 19, and raises every thread back to normal once ready", async () => {
      const first = supervisor.pid("part")!;
      process.kill(first, "SIGKILL");
      await expect
        .poll(
          async () => {
            if (supervisor.pid("part") === first) return undefined;
            const now = await state().catch(() => undefined);
            return now?.threadNices.every((nice) => nice === 0) ? now : undefined;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBeDefined();
      const now = await state();
      expect(now.niceWhenFirstReady).toBe(19);
      expect(now.threadNices.length).toBeGreaterThan(1);
      expect(new Set(now.threadNices)).toEqual(new Set([0]));
    });
  },
);

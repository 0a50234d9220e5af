import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, Supervisor } from "@cakupan/launcher";
import { createLogger } from "@cakupan/observability";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The supervisor starts every part with NODE_COMPILE_CACHE on one directory, so that a replacement reads the
 * code its predecessor compiled (Node ≥ 22.1). The part here says which directory it was given.
 */
const PART = `
require("node:http")
  .createServer((request, response) => response.end(JSON.stringify({ compileCache: process.env.NODE_COMPILE_CACHE ?? null })))
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

describe("the compile cache of parts the supervisor starts", () => {
  let dir: string;
  let cacheDir: string;
  let supervisor: Supervisor;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cakupan-compile-cache-"));
    cacheDir = join(dir, "compile-cache");
    const script = join(dir, "part.js");
    writeFileSync(script, PART);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    supervisor = new Supervisor({
      log: createLogger("compile-cache", { level: "silent" }),
      compileCacheDir: cacheDir,
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

  const compileCache = async () =>
    ((await (await fetch(url)).json()) as { compileCache: string | null }).compileCache;

  it("creates the directory", () => {
    expect(existsSync(cacheDir)).toBe(true);
  });

  it("starts a part the first time with NODE_COMPILE_CACHE on the directory", async () => {
    expect(await compileCache()).toBe(cacheDir);
  });

  it("starts the replacement of a part killed from outside with the same directory", async () => {
    const first = supervisor.pid("part")!;
    process.kill(first, "SIGKILL");
    await expect
      .poll(
        async () =>
          supervisor.pid("part") !== first ? await compileCache().catch(() => undefined) : undefined,
        { timeout: 20_000, interval: 100 },
      )
      .toBe(cacheDir);
  });
});

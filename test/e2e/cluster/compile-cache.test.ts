import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SupervisedPart, superviseScript } from "./supervised-part";

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
  let part: SupervisedPart;
  let cacheDir: string;

  beforeAll(async () => {
    part = await superviseScript("compile-cache", PART, (dir) => ({
      compileCacheDir: (cacheDir = join(dir, "compile-cache")),
    }));
  });

  afterAll(async () => {
    await part?.stop();
  });

  const compileCache = async () =>
    ((await (await fetch(part.url)).json()) as { compileCache: string | null }).compileCache;

  it("creates the directory", () => {
    expect(existsSync(cacheDir)).toBe(true);
  });

  it("starts a part the first time with NODE_COMPILE_CACHE on the directory", async () => {
    expect(await compileCache()).toBe(cacheDir);
  });

  it("starts the replacement of a part killed from outside with the same directory", async () => {
    const first = part.supervisor.pid("part")!;
    process.kill(first, "SIGKILL");
    await expect
      .poll(
        async () =>
          part.supervisor.pid("part") !== first ? await compileCache().catch(() => undefined) : undefined,
        { timeout: 20_000, interval: 100 },
      )
      .toBe(cacheDir);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Supervisor, type PartSpec, type SupervisorOptions } from "@cakupan/launcher";
import { createLogger } from "@cakupan/observability";
import { testPort } from "../../support/ports";

export interface SupervisedPart {
  supervisor: Supervisor;
  /** The part's own address (it listens on PORT). */
  url: string;
  /** A folder of the test's own, removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/**
 * A small script started as the part "part" by a supervisor of its own, for the cluster's restart tests: the
 * script listens on PORT and is ready at /ready. `options` are the supervisor's (a silent log and a give-up
 * that throws are set here), `spec` what the part adds to its own spec (restartEnv).
 */
export async function superviseScript(
  name: string,
  script: string,
  options: (dir: string) => Omit<SupervisorOptions, "log" | "onGiveUp">,
  spec: Partial<PartSpec> = {},
): Promise<SupervisedPart> {
  const dir = mkdtempSync(join(tmpdir(), `cakupan-${name}-`));
  const scriptFile = join(dir, "part.js");
  writeFileSync(scriptFile, script);
  const port = await testPort();
  const url = `http://127.0.0.1:${port}`;
  const supervisor = new Supervisor({
    log: createLogger(name, { level: "silent" }),
    onGiveUp: (reason) => {
      throw new Error(reason);
    },
    ...options(dir),
  });
  await supervisor.start({
    name: "part",
    script: scriptFile,
    env: { PORT: String(port) },
    readyUrl: `${url}/ready`,
    ...spec,
  });
  return {
    supervisor,
    url,
    dir,
    stop: async () => {
      await supervisor.stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

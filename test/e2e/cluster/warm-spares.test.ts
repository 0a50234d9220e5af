import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SupervisedPart, superviseScript } from "./supervised-part";

/**
 * With warmUpSpares, a spare serves its warm-up to itself on a private loopback port before it stands by
 * (@cakupan/core's listen), so that it takes over warm. The part here warms up with 50 POSTs, half with the
 * token its spareEnv gave it, and answers a GET with the POSTs it has served and on which port.
 */
const CORE = join(__dirname, "..", "..", "..", "core", "dist", "index.js");
const PART = `
const { createServer } = require("node:http");
const { listen, sendWarmUp } = require(${JSON.stringify(CORE)});
const served = [];
const server = createServer((request, response) => {
  if (request.method !== "POST") return response.end(JSON.stringify({ pid: process.pid, served }));
  served.push({ port: request.socket.localPort, authorization: request.headers.authorization ?? null });
  request.resume();
  request.on("end", () => response.end("{}"));
});
listen(server, Number(process.env.PORT), "127.0.0.1", {
  warmUp: ({ url, bearer, signal }) =>
    sendWarmUp(
      url,
      [{ body: "{}", headers: {} }, { body: "{}", headers: { authorization: "Bearer " + bearer } }],
      { total: 50, concurrency: 4, signal },
    ),
});
`;

interface State {
  pid: number;
  served: { port: number; authorization: string | null }[];
}

async function takeOver(part: SupervisedPart): Promise<State> {
  const spare = part.supervisor.sparePid("part")!;
  process.kill(part.supervisor.pid("part")!, "SIGKILL");
  let state: State | undefined;
  await expect
    .poll(
      async () => {
        state = (await (await fetch(part.url)).json().catch(() => undefined)) as State | undefined;
        return state?.pid;
      },
      { timeout: 20_000, interval: 50 },
    )
    .toBe(spare);
  return state!;
}

describe("a spare that warms up", () => {
  let part: SupervisedPart;
  const servingWarm: boolean[] = [];

  beforeAll(async () => {
    part = await superviseScript(
      "warm-spares",
      PART,
      () => ({
        spares: true,
        warmUpSpares: true,
        stableAfterMs: 500,
        onSpareServing: (_name, warm) => servingWarm.push(warm),
      }),
      { spareEnv: async () => ({ CAKUPAN_WARM_UP_TOKEN: "minted-for-the-spare" }) },
    );
    await part.supervisor.sparesStandingBy(20_000);
  });

  afterAll(async () => {
    await part?.stop();
  });

  it("has served its warm-up on a private port, with the token minted for it, when it takes over", async () => {
    const { served } = await takeOver(part);
    expect(served).toHaveLength(50);
    expect(served.some(({ port }) => port === Number(new URL(part.url).port))).toBe(false);
    expect(
      served.filter(({ authorization }) => authorization === "Bearer minted-for-the-spare"),
    ).toHaveLength(25);
  });

  it("is reported warm when it serves the part's port", () => {
    expect(servingWarm).toEqual([true]);
  });
});

describe("a spare without warm-up", () => {
  let part: SupervisedPart;
  const servingWarm: boolean[] = [];

  beforeAll(async () => {
    part = await superviseScript("cold-spares", PART, () => ({
      spares: true,
      onSpareServing: (_name, warm) => servingWarm.push(warm),
    }));
    await part.supervisor.sparesStandingBy(20_000);
  });

  afterAll(async () => {
    await part?.stop();
  });

  it("takes over having served nothing, and is reported cold (npm run cluster then slow-starts it)", async () => {
    const { served } = await takeOver(part);
    expect(served).toEqual([]);
    expect(servingWarm).toEqual([false]);
  });
});

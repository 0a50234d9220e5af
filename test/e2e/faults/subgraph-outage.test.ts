import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../../support/graphql";
import { startAwards, useTestStack } from "../../support/servers";

/**
 * The awards subgraph goes away while the gateway and the other subgraphs keep serving a light, steady load:
 * every answer keeps what regencies and participants know, and says which service is missing and where;
 * once awards is back, answers are whole again within seconds, without restarting anything else.
 */
const QUERY = `{ regency(code: "16.06") { name coverage(asOf: "2025-07-31") { rate } awards { rank } } }`;

const stack = useTestStack();
let awardsPort: number;

beforeAll(() => {
  awardsPort = stack.subgraphs.awards.server.port;
});

/** Clients asking QUERY every 25 ms until stopped; each answer kept with the time it arrived. */
function lightLoad(clients = 3) {
  const answers: { at: number; body: Awaited<ReturnType<typeof graphql>> }[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      answers.push({ body: await graphql(stack.gateway.url, QUERY), at: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  return { answers, stop: async () => ((running = false), await Promise.all(loops)) };
}

describe("the awards subgraph killed under light load", () => {
  it("answers the rest with awards null and a SUBGRAPH_UNAVAILABLE error, then whole again soon after its return", async () => {
    const load = lightLoad();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await stack.subgraphs.awards.server.stop();
      const downAt = performance.now();
      // At least a second and a dozen answers while it is down (fewer per second on a busy machine).
      const downDeadline = downAt + 20_000;
      const answersWhileDown = () => load.answers.filter((answer) => answer.at > downAt + 100);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      while (answersWhileDown().length < 12 && performance.now() < downDeadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const whileDown = answersWhileDown();
      expect(whileDown.length).toBeGreaterThanOrEqual(12);
      for (const { body } of whileDown) {
        expect(body.data?.regency).toMatchObject({
          name: "Kabupaten Musi Banyuasin",
          coverage: { rate: expect.closeTo(0.4826, 4) },
          awards: null,
        });
        expect(body.errors).toEqual([
          {
            message: expect.stringMatching(/^awards unavailable: /),
            path: ["regency", "awards"],
            extensions: expect.objectContaining({ code: "SUBGRAPH_UNAVAILABLE", serviceName: "awards" }),
          },
        ]);
        expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|localhost|ECONN|:\d{4,5}\b/);
      }
      // After a few refused connections the gateway stops asking and fails fast until a probe succeeds.
      expect(stack.gateway.circuits.awards()).toBe("open");
      expect(whileDown.at(-1)!.body.errors![0].extensions).toMatchObject({ reason: "CIRCUIT_OPEN" });
      expect(stack.gateway.circuits.regencies()).toBe("closed");

      const restarted = await startAwards(undefined, awardsPort);
      stack.subgraphs.awards = restarted;
      const backAt = performance.now();
      const deadline = backAt + 5000;
      let firstWhole: number | undefined;
      while (firstWhole === undefined && performance.now() < deadline) {
        firstWhole = load.answers.find(
          (answer) => answer.at > backAt && !answer.body.errors && answer.body.data?.regency.awards,
        )?.at;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(firstWhole, "no whole answer within 5 s of the awards subgraph's return").toBeDefined();
      console.log(
        `awards back -> first whole answer through the gateway: ${Math.round(firstWhole! - backAt)} ms`,
      );
      expect(stack.gateway.circuits.awards()).toBe("closed");
    } finally {
      await load.stop();
    }
    const last = await graphql(stack.gateway.url, QUERY);
    expect(last.errors).toBeUndefined();
    expect(last.data.regency.awards.length).toBeGreaterThan(0);
  }, 60_000);

  it("answers a list of regencies with each regency's own awards error path", async () => {
    await stack.subgraphs.awards.server.stop();
    try {
      const body = await graphql(
        stack.gateway.url,
        `
          {
            a: regency(code: "16.06") {
              code
              awards {
                rank
              }
            }
            b: regency(code: "16.10") {
              code
              nominations {
                id
              }
            }
          }
        `,
      );
      expect(body.data).toEqual({
        a: { code: "16.06", awards: null },
        b: { code: "16.10", nominations: null },
      });
      expect(body.errors!.map((error) => [error.path, error.extensions?.serviceName]).sort()).toEqual([
        [["a", "awards"], "awards"],
        [["b", "nominations"], "awards"],
      ]);
    } finally {
      stack.subgraphs.awards = await startAwards(undefined, awardsPort);
    }
  });

  it("refuses a root field of the missing subgraph with the same error, and nothing else is lost", async () => {
    await stack.subgraphs.awards.server.stop();
    try {
      const body = await graphql(
        stack.gateway.url,
        `
          {
            awardEditions(provinceCode: "16") {
              name
            }
          }
        `,
      );
      expect(body.data).toBeNull();
      expect(body.errors![0]).toMatchObject({
        path: ["awardEditions"],
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "awards" },
      });
      const regencies = await graphql(
        stack.gateway.url,
        `
          {
            regency(code: "16.06") {
              name
            }
          }
        `,
      );
      expect(regencies).toEqual({ data: { regency: { name: "Kabupaten Musi Banyuasin" } } });
    } finally {
      stack.subgraphs.awards = await startAwards(undefined, awardsPort);
    }
  });
});

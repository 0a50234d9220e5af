import { startGatewayServer } from "@cakupan/gateway";
import { describe, expect, it } from "vitest";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

describe("the gateway", () => {
  it("answers the first query of the README: Musi Banyuasin, its province and its 2025 workforce with publisher", async () => {
    const result = await data(
      stack.url,
      `{ regency(code:"16.06") { name province { name } workforceEstimates { year persons source { publisher } } } }`,
    );
    expect(result).toEqual({
      regency: {
        name: "Kabupaten Musi Banyuasin",
        province: { name: "Sumatera Selatan" },
        workforceEstimates: [{ year: 2025, persons: 213582, source: { publisher: "JPNN.com" } }],
      },
    });
  });

  it("serves the 38 provinces and 514 regencies", async () => {
    const result = await data(stack.url, `{ provinces { code } regencies { code } }`);
    expect(result.provinces).toHaveLength(38);
    expect(result.regencies).toHaveLength(514);
  });

  it("passes a subgraph's BAD_USER_INPUT through with its message", async () => {
    const result = await graphql(
      stack.url,
      `
        {
          regency(code: "16-06") {
            name
          }
        }
      `,
    );
    expect(result.data).toEqual({ regency: null });
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining('like "16.06"'),
    });
  });

  it("answers null for an unknown well-formed code", async () => {
    expect(
      await graphql(
        stack.url,
        `
          {
            regency(code: "99.99") {
              name
            }
          }
        `,
      ),
    ).toEqual({ data: { regency: null } });
  });

  it("reports itself healthy and ready when its subgraphs are", async () => {
    const base = stack.url.replace("/graphql", "");
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok", service: "gateway" });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      subgraphs: { regencies: "ready", participants: "ready", awards: "ready" },
    });
  });

  it("reports not ready, naming the subgraph, when a subgraph cannot be reached", async () => {
    const orphan = await startGatewayServer({ subgraphUrls: { regencies: "http://127.0.0.1:9/graphql" } });
    try {
      const ready = await fetch(orphan.url.replace("/graphql", "/ready"));
      expect(ready.status).toBe(503);
      expect((await ready.json()).subgraphs.regencies).toContain("unreachable at http://127.0.0.1:9/ready");
    } finally {
      await orphan.stop();
    }
  });
});

describe("the gateway serves the Excel add-in", () => {
  it("serves the manifest with its own origin in every URL", async () => {
    const base = stack.url.replace("/graphql", "");
    const response = await fetch(`${base}/addin/manifest.xml`);
    expect(response.headers.get("content-type")).toContain("application/xml");
    const manifest = await response.text();
    expect(manifest).not.toContain("https://localhost:4000");
    expect(manifest).toContain(`${base}/addin/taskpane.html`);
    expect(manifest).toContain(`<bt:String id="Functions.Namespace" DefaultValue="JSK" />`);
  });

  it("serves the built task pane, script and functions.json", async () => {
    const base = stack.url.replace("/graphql", "");
    for (const file of ["taskpane.html", "addin.js", "functions.json", "assets/icon-32.png"]) {
      expect((await fetch(`${base}/addin/${file}`)).status, file).toBe(200);
    }
  });
});

describe("identical requests at the same moment", () => {
  it("are answered correctly, with identical subgraph fetches merged", async () => {
    const before = { ...stack.gateway.fetches };
    const query = `{ regencies(provinceCode: "16") { code coverage(asOf: "2025-07-31") { activeParticipants } } }`;
    const results = await Promise.all(Array.from({ length: 30 }, () => data(stack.url, query)));
    for (const result of results)
      expect(
        result.regencies.find((r: { code: string }) => r.code === "16.06").coverage.activeParticipants,
      ).toBe(103079);
    expect(stack.gateway.fetches.merged).toBeGreaterThan(before.merged);
    expect(stack.gateway.fetches.sent - before.sent).toBeLessThan(60);
  });
});

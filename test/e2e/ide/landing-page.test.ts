import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type RunningGateway,
  type LandingPage,
  landingPageFromEnv,
  startGatewayServer,
} from "@cakupan/gateway";
import { ideExamples, readmeExamples } from "@cakupan/ide";
import { API_SCHEMA_FILE } from "@cakupan/schema";
import { buildSchema, parse, validate } from "graphql";
import { afterAll, describe, expect, it } from "vitest";

const README = join(__dirname, "..", "..", "..", "README.md");
const NO_SUBGRAPHS = {
  regencies: "http://127.0.0.1:9/graphql",
  participants: "http://127.0.0.1:9/graphql",
  awards: "http://127.0.0.1:9/graphql",
};

const started: RunningGateway[] = [];
afterAll(() => Promise.all(started.map((gateway) => gateway.stop())));

/** A gateway showing this landing page; no query reaches a subgraph here, so none needs to run. */
async function gatewayWith(landingPage: LandingPage) {
  const gateway = await startGatewayServer({ subgraphUrls: NO_SUBGRAPHS, landingPage });
  started.push(gateway);
  return gateway;
}

const openInBrowser = (url: string) =>
  fetch(url, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });

describe("what a browser opening /graphql is shown", () => {
  it("is the IDE bundled into the gateway, by default outside production", async () => {
    const gateway = await gatewayWith(landingPageFromEnv({ NODE_ENV: "development" }));
    const page = await openInBrowser(gateway.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("<title>Cakupan API · GraphiQL</title>");
    expect(html).not.toMatch(/src="https?:|href="https?:/);
    const script = /src="(\/ide\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(new URL(script, gateway.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("is Apollo Sandbox, opening on the README's first example, with LANDING_PAGE=sandbox", async () => {
    const gateway = await gatewayWith(landingPageFromEnv({ LANDING_PAGE: "sandbox" }));
    const html = await (await openInBrowser(gateway.url)).text();
    expect(html).toContain("embeddable-sandbox.cdn.apollographql.com");
    expect(html).toContain("MusiBanyuasinCoverage");
    expect((await fetch(new URL("/ide/assets/", gateway.url))).status).toBe(404);
  });

  it("is nothing with LANDING_PAGE=off, the default in production", async () => {
    expect(landingPageFromEnv({ NODE_ENV: "production" })).toBe("off");
    const gateway = await gatewayWith("off");
    const page = await openInBrowser(gateway.url);
    expect(page.headers.get("content-type")).not.toMatch(/text\/html/);
    expect(await page.text()).not.toContain("<html");
  });

  it("can be enabled in production", () => {
    expect(landingPageFromEnv({ NODE_ENV: "production", LANDING_PAGE: "graphiql" })).toBe("graphiql");
  });

  it("refuses an unknown LANDING_PAGE, naming the values it takes", () => {
    expect(() => landingPageFromEnv({ LANDING_PAGE: "playground" })).toThrow(
      "LANDING_PAGE=playground is not one of graphiql, sandbox, off.",
    );
  });
});

describe("the IDE's example operations", () => {
  it("are the README's, in its order (the build is current)", () => {
    expect(ideExamples()).toEqual(readmeExamples(readFileSync(README, "utf8")));
    expect(ideExamples()[0].name).toBe("MusiBanyuasinCoverage");
  });

  it("are each valid against the public schema", () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_FILE, "utf8"));
    for (const example of ideExamples()) {
      expect(
        validate(schema, parse(example.query)).map((error) => error.message),
        example.name,
      ).toEqual([]);
    }
  });

  it("keep the README's comment on an example", () => {
    const byAlias = ideExamples().find((example) => example.name === "RegencyByAlias")!;
    expect(byAlias.query).toMatch(
      /^# name or alias, any case\nquery RegencyByAlias \{\n {2}regencies\(search: "muba"\)/,
    );
  });

  it("stop the build at a README example that does not parse, naming its line", () => {
    const readme =
      "# Title\n\nText.\n\n```graphql\nquery Fine { sources { id } }\nquery Broken { sources { id ) }\n```\n";
    expect(() => readmeExamples(readme)).toThrow(
      /^README\.md:7: a graphql example does not parse: Syntax Error/,
    );
  });

  it("are named ExampleN when the README leaves one anonymous", () => {
    expect(readmeExamples("```graphql\n{ sources { id } }\n```\n")).toEqual([
      { name: "Example1", query: "query Example1 {\n  sources {\n    id\n  }\n}\n" },
    ]);
  });
});

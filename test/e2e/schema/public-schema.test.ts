import { readFileSync } from "node:fs";
import { type RunningGateway, startGatewayServer } from "@cakupan/gateway";
import { API_SCHEMA_FILE } from "@cakupan/schema";
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../support/graphql";

const NO_SUBGRAPHS = {
  regencies: "http://127.0.0.1:9/graphql",
  participants: "http://127.0.0.1:9/graphql",
  awards: "http://127.0.0.1:9/graphql",
};

let gateway: RunningGateway;
let schemaUrl: string;
beforeAll(async () => {
  // Introspection and the schema file are answered by the gateway alone: no subgraph needs to run.
  gateway = await startGatewayServer({ subgraphUrls: NO_SUBGRAPHS });
  schemaUrl = gateway.url.replace(/\/graphql$/, "/schema.graphql");
});
afterAll(() => gateway.stop());

describe("GET /schema.graphql", () => {
  it("answers the committed public schema (schema/api.graphql) as cacheable text", async () => {
    const response = await fetch(schemaUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.text()).toBe(readFileSync(API_SCHEMA_FILE, "utf8"));
  });

  it("answers 304 Not Modified to a client that holds the same version", async () => {
    const etag = (await fetch(schemaUrl)).headers.get("etag")!;
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch() would otherwise add "cache-control: no-cache", which forbids a 304).
    const again = await fetch(schemaUrl, {
      headers: { "if-none-match": etag, "cache-control": "max-age=0" },
    });
    expect(again.status).toBe(304);
  });

  it("holds no federation internals: no join__ or link__ types, no @join, @link or _entities", async () => {
    const sdl = await (await fetch(schemaUrl)).text();
    expect(sdl).not.toMatch(/join__|link__|@join|@link|_entities|_service|_Any\b/);
    expect(sdl).toMatch(/^type Query \{$/m);
    const regency = buildSchema(sdl).getQueryType()!.getFields().regency;
    expect(`${regency.args.map((arg) => `${arg.name}: ${arg.type}`).join(", ")} -> ${regency.type}`).toBe(
      "code: ID! -> Regency",
    );
  });

  it("is the schema introspection answers", async () => {
    const introspection = await data(gateway.url, getIntrospectionQuery());
    const served = buildSchema(await (await fetch(schemaUrl)).text());
    expect(printSchema(lexicographicSortSchema(served))).toBe(
      printSchema(lexicographicSortSchema(buildClientSchema(introspection))),
    );
  });

  it("is not published when introspection is off, and says why", async () => {
    const closed = await startGatewayServer({ subgraphUrls: NO_SUBGRAPHS, introspection: false });
    try {
      const response = await fetch(closed.url.replace(/\/graphql$/, "/schema.graphql"));
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("introspection is off (GRAPHQL_INTROSPECTION)");
    } finally {
      await closed.stop();
    }
  });
});

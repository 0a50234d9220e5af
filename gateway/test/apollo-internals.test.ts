import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertApolloInternals,
  installedApolloGatewayVersion,
  missingApolloInternals,
  reuseExecutedOperations,
  VERIFIED_APOLLO_GATEWAY_VERSION,
} from "../src/apollo-internals";
import { buildSchema, type operationFromDocument } from "@apollo/federation-internals";
import { parse } from "graphql";

describe("the Apollo internals the gateway patches", () => {
  it("are all there, and still called, in the installed @apollo/gateway", () => {
    expect(missingApolloInternals()).toEqual([]);
    expect(() => assertApolloInternals()).not.toThrow();
  });

  it("are named one by one when a release drops or stops calling them", () => {
    const gateway = { createServices() {}, createSchemaFromSupergraphSdl() {} };
    const dataSource = { process() {}, errorFromResponse() {} };
    expect(missingApolloInternals(gateway, dataSource, {})).toEqual([
      "RemoteGraphQLDataSource.sendRequest()",
      "a caller of ApolloGateway.createSchemaFromSupergraphSdl()",
      "Supergraph.build() of @apollo/federation-internals",
      "ROUTER_SUPPORTED_SUPERGRAPH_FEATURES of @apollo/federation-internals",
      "operationFromDocument() of @apollo/federation-internals/dist/operations",
      "executeQueryPlan() building the operation with operationFromDocument(apiSchema, ...)",
    ]);
  });

  it("stop the gateway at start with a message that says what is missing and what to do", () => {
    expect(() => assertApolloInternals(["RemoteGraphQLDataSource.sendRequest()"])).toThrow(
      /lacks what gateway\/src\/apollo-internals.ts relies on \(verified with 2\.14\.4\): RemoteGraphQLDataSource\.sendRequest\(\)\. Pin @apollo\/gateway/,
    );
  });

  it("are pinned exactly to the version they were verified with", () => {
    const { dependencies } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
    expect(dependencies["@apollo/gateway"]).toBe(VERIFIED_APOLLO_GATEWAY_VERSION);
    expect(dependencies["@apollo/federation-internals"]).toBe(VERIFIED_APOLLO_GATEWAY_VERSION);
    expect(installedApolloGatewayVersion()).toBe(VERIFIED_APOLLO_GATEWAY_VERSION);
  });
});

describe("the executor's operation, as the gateway reuses it", () => {
  const schema = buildSchema("type Query { a: Int b: Int }");
  // As executeQueryPlan calls it: through the operations module's export, read at each call.
  const operations = createRequire(__filename)("@apollo/federation-internals") as {
    operationFromDocument: typeof operationFromDocument;
  };
  reuseExecutedOperations();

  it("is built once for one parsed operation, and given again on the next request", () => {
    const document = parse("{ a b }");
    const first = operations.operationFromDocument(schema, document, { validate: false });
    expect(operations.operationFromDocument(schema, document, { validate: false })).toBe(first);
    expect(first.toString()).toBe("{\n  a\n  b\n}");
  });

  it("is built anew for another parsed text, and whenever it is to be validated (planning)", () => {
    const document = parse("{ a }");
    const first = operations.operationFromDocument(schema, document, { validate: false });
    expect(operations.operationFromDocument(schema, parse("{ a }"), { validate: false })).not.toBe(first);
    expect(operations.operationFromDocument(schema, document)).not.toBe(first);
  });
});

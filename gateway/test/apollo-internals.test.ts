import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertApolloInternals,
  installedApolloGatewayVersion,
  missingApolloInternals,
  VERIFIED_APOLLO_GATEWAY_VERSION,
} from "../src/apollo-internals";

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

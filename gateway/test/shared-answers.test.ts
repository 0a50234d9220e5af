import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptDocumentedSecurityDirectives, plainObjectExecution } from "../src/apollo-internals";

const SUPERGRAPH = readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8");

/** A tree and everything in it frozen: any write into it throws (the executor's module is strict). */
function deepFrozen<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFrozen(child);
    Object.freeze(value);
  }
  return value;
}

const figures = (code: string) => ({
  __typename: "Regency",
  code,
  name: `Regency ${code}`,
  workforceEstimates: [{ year: 2025, persons: 1000, source: { id: `w-${code}` } }],
  coverageTargets: [{ year: 2025, rate: 0.5, scheme: "UCJ", source: { id: `t-${code}` } }],
});
const coverage = (code: string) => ({
  coverage: {
    __typename: "Coverage",
    reportSource: { id: `r-${code}` },
    workforceSourceId: `w-${code}`,
    targetSourceId: `t-${code}`,
    activeParticipants: 400,
    rate: 0.4,
    target: 0.5,
    gap: 100,
    status: "BEHIND",
  },
});
const CODES = ["16.06", "16.07"];

/**
 * What every subgraph answers, whatever it is asked (each answer holds every field any caller below selects,
 * the executor keeps only what was asked): ONE frozen tree per fetch, given to every caller, as merged callers
 * of one subgraph request are given it (subgraph-client.ts).
 */
const ANSWERS = {
  root: deepFrozen({ data: { regencies: CODES.map(figures) } }),
  coverage: deepFrozen({ data: { _entities: CODES.map(coverage) } }),
  sources: deepFrozen({ data: { _entities: CODES.map(() => ({ sources: [{ publisher: "BPS" }] })) } }),
};

function sharingSubgraph(name: string): GraphQLDataSource {
  return {
    process: async ({ request }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!request.query?.includes("_entities")) return ANSWERS.root as never;
      return (name === "participants" ? ANSWERS.coverage : ANSWERS.sources) as never;
    },
  };
}

describe("subgraph answers shared by callers, as the gateway's executor reads them", () => {
  let server: ApolloServer;
  beforeAll(async () => {
    plainObjectExecution();
    const gateway = new ApolloGateway({
      supergraphSdl: SUPERGRAPH,
      buildService: ({ name }) => sharingSubgraph(name),
    });
    acceptDocumentedSecurityDirectives(gateway);
    server = new ApolloServer({ gateway });
    await server.start();
  });
  afterAll(() => server?.stop());

  const run = async (query: string) => {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  };

  it("are never written into, and callers with different selections over them each get their own right answer", async () => {
    const [figuresAndRate, gapsAndNames, withSources] = await Promise.all([
      run('{ regencies { code coverage(asOf: "2025-07-31") { activeParticipants rate status } } }'),
      run('{ regencies { name code coverage(asOf: "2025-07-31") { gap target } } }'),
      run('{ regencies { code coverage(asOf: "2025-07-31") { rate sources { publisher } } } }'),
    ]);
    expect(figuresAndRate).toEqual({
      data: {
        regencies: CODES.map((code) => ({
          code,
          coverage: { activeParticipants: 400, rate: 0.4, status: "BEHIND" },
        })),
      },
    });
    expect(gapsAndNames).toEqual({
      data: {
        regencies: CODES.map((code) => ({
          name: `Regency ${code}`,
          code,
          coverage: { gap: 100, target: 0.5 },
        })),
      },
    });
    expect(withSources).toEqual({
      data: {
        regencies: CODES.map((code) => ({ code, coverage: { rate: 0.4, sources: [{ publisher: "BPS" }] } })),
      },
    });
  });
});

import { type RunningGateway, startGatewayServer } from "@cakupan/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../../support/graphql";
import { startAwards, startParticipants, startRegencies, type TestSubgraph } from "../../support/servers";

/** With introspection off, nothing of the schema can be learnt from the gateway's answers. */
let subgraphs: TestSubgraph[];
let closed: RunningGateway;
let open: RunningGateway;
beforeAll(async () => {
  subgraphs = [await startRegencies(), await startParticipants(), await startAwards()];
  const subgraphUrls = {
    regencies: subgraphs[0].server.url,
    participants: subgraphs[1].server.url,
    awards: subgraphs[2].server.url,
  };
  closed = await startGatewayServer({ subgraphUrls, introspection: false });
  open = await startGatewayServer({ subgraphUrls, introspection: true });
});
afterAll(async () => {
  await closed.stop();
  await open.stop();
  await Promise.all(subgraphs.map((subgraph) => subgraph.server.stop()));
});

const MISTYPED = `{ regncy(code: "16.06") { name } }`;

describe("with introspection off", () => {
  it("a mistyped field gets no suggestion of the real one", async () => {
    const result = await graphql(closed.url, MISTYPED);
    expect(result.errors?.[0].message).toContain(`Cannot query field "regncy"`);
    expect(JSON.stringify(result)).not.toMatch(/Did you mean|"regency"/);
  });

  it("a mistyped argument or enum value gets no suggestion either", async () => {
    const argument = await graphql(
      closed.url,
      `
        {
          regency(kode: "16.06") {
            name
          }
        }
      `,
    );
    const enumValue = await graphql(
      closed.url,
      `
        {
          regency(code: "16.06") {
            participants(status: AKTIF) {
              nodes {
                id
              }
            }
          }
        }
      `,
    );
    for (const result of [argument, enumValue]) expect(JSON.stringify(result)).not.toMatch(/Did you mean/);
  });

  it("__schema is refused, saying introspection is off", async () => {
    const result = await graphql(
      closed.url,
      `
        {
          __schema {
            types {
              name
            }
          }
        }
      `,
    );
    expect(result.errors?.[0].message).toMatch(/introspection/i);
    expect(result.data ?? null).toBeNull();
  });

  it("__type answers null even for a type that exists", async () => {
    const result = await graphql(
      closed.url,
      `
        {
          regency: __type(name: "Regency") {
            name
            fields {
              name
            }
          }
          __typename
        }
      `,
    );
    expect(result).toEqual({ data: { regency: null, __typename: "Query" } });
  });

  it("__type beside ordinary fields is refused, so it cannot read the schema through the gateway", async () => {
    const result = await graphql(
      closed.url,
      `
        {
          provinces {
            code
          }
          __type(name: "Regency") {
            name
          }
        }
      `,
    );
    expect(result.errors?.[0].message).toMatch(/introspection/i);
    expect(JSON.stringify(result)).not.toContain("fields");
  });
});

describe("with introspection on (development)", () => {
  it("a mistyped field is answered with the suggestion, for developers", async () => {
    expect((await graphql(open.url, MISTYPED)).errors?.[0].message).toContain(`Did you mean "regency"?`);
  });
});

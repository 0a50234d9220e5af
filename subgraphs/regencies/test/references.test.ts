import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../../test/support/graphql";
import { startRegencies, type TestSubgraph } from "../../../test/support/servers";

let regencies: TestSubgraph;
beforeAll(async () => {
  regencies = await startRegencies();
});
afterAll(() => regencies.server.stop());

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Regency { code name } ... on Province { code name } ... on Village { code name } ... on District { code name } } }`;

describe("entity references from other subgraphs", () => {
  it("resolves 514 Regency references in one _entities call with one SQL statement", async () => {
    const { regencies: all } = await data(regencies.server.url, "{ regencies { code } }");
    const representations = all.map((r: { code: string }) => ({ __typename: "Regency", code: r.code }));
    regencies.sql.reset();
    const { _entities } = await data(regencies.server.url, ENTITIES, { representations });
    expect(regencies.sql.statements).toHaveLength(1);
    expect(_entities).toHaveLength(514);
    expect(_entities.map((e: { code: string }) => e.code)).toEqual(
      representations.map((r: { code: string }) => r.code),
    );
  });

  it("answers null for a reference to a code that does not exist, keeping the others in place", async () => {
    const representations = [
      { __typename: "Regency", code: "16.06" },
      { __typename: "Regency", code: "99.99" },
      { __typename: "Regency", code: "16.10" },
    ];
    const { _entities } = await data(regencies.server.url, ENTITIES, { representations });
    expect(_entities).toEqual([
      { code: "16.06", name: "Kabupaten Musi Banyuasin" },
      null,
      { code: "16.10", name: "Kabupaten Ogan Ilir" },
    ]);
  });

  it("batches mixed Province, District and Village references into one statement per type", async () => {
    const representations = [
      { __typename: "Province", code: "16" },
      { __typename: "Province", code: "11" },
      { __typename: "District", code: "16.06.01" },
      { __typename: "Village", code: "16.06.01.1009" },
      { __typename: "Village", code: "16.06.01.1010" },
    ];
    regencies.sql.reset();
    const { _entities } = await data(regencies.server.url, ENTITIES, { representations });
    expect(_entities.map((e: { name: string }) => e.name)).toEqual([
      "Sumatera Selatan",
      "Aceh",
      "Sekayu",
      "Kayu Ara",
      "Serasan Jaya",
    ]);
    expect(regencies.sql.statements).toHaveLength(3);
  });

  it("loads the province of 514 regencies with one statement more, not 514", async () => {
    regencies.sql.reset();
    const { regencies: all } = await data(
      regencies.server.url,
      "{ regencies { code province { name } aliases workforceEstimates { persons } coverageTargets { rate } } }",
    );
    expect(all).toHaveLength(514);
    // regencies, provinces, aliases, workforce estimates, targets
    expect(regencies.sql.statements).toHaveLength(5);
  });
});

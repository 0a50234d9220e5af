import { readFileSync } from "node:fs";
import { API_SCHEMA_FILE, describeCensus, summariseCensus } from "@cakupan/schema";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";

describe("the public schema explains itself", () => {
  it("describes every type, field, argument, input field and enum value of schema/api.graphql", () => {
    // The committed file is what GET /schema.graphql serves and what composition.test.ts keeps current.
    const census = describeCensus(buildSchema(readFileSync(API_SCHEMA_FILE, "utf8")));
    const undescribed = census.undescribed.map(({ kind, coordinate }) => `${kind} ${coordinate}`);
    expect(
      undescribed,
      `${summariseCensus(census)}. Give each a description in the subgraph's code (type-graphql's ` +
        "description option; registerEnumType's valuesConfig for enum values), then npm run compose. " +
        "README, Schema conventions, says how they are written.",
    ).toEqual([]);
  });

  it("lists each undescribed coordinate by kind, GraphQL's own types left out", () => {
    const census = describeCensus(
      buildSchema(`
        """Described."""
        type Query {
          """Described."""
          regency(code: ID!, """Described.""" asOf: String): Regency
          plain: Kind
        }
        type Regency { code: ID! }
        enum Kind { """Described.""" A B }
        """Described."""
        input Filter { """Described.""" a: Int b: Int }
        """Described."""
        scalar Date
        type Mutation { """Described.""" touch(filter: Filter, date: Date): Boolean }
      `),
    );
    expect(census.undescribed).toEqual([
      { kind: "input field", coordinate: "Filter.b" },
      { kind: "type", coordinate: "Kind" },
      { kind: "enum value", coordinate: "Kind.B" },
      { kind: "type", coordinate: "Mutation" },
      { kind: "argument", coordinate: "Mutation.touch(filter:)" },
      { kind: "argument", coordinate: "Mutation.touch(date:)" },
      { kind: "argument", coordinate: "Query.regency(code:)" },
      { kind: "field", coordinate: "Query.plain" },
      { kind: "type", coordinate: "Regency" },
      { kind: "field", coordinate: "Regency.code" },
    ]);
    expect(census.all).toHaveLength(18);
  });

  it("counts a description of blanks only as none", () => {
    const census = describeCensus(buildSchema('"""Described."""\ntype Query {\n  """   """\n  a: Int\n}'));
    expect(census.undescribed).toEqual([{ kind: "field", coordinate: "Query.a" }]);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describeCoverage, GraphQLRequestError, regencyCoverage } from "@cakupan/example-typed-client";
import { API_SCHEMA_FILE } from "@cakupan/schema";
import { parse, print, visit } from "graphql";
import { describe, expect, it } from "vitest";
import { useTestStack } from "../../support/servers";

/**
 * The README's typed client (examples/typed-client): graphql-codegen's client preset over the public schema.
 * `npm run typecheck` compiles it against the committed schema; here it runs against a live gateway.
 */
const EXAMPLE = join(__dirname, "..", "..", "..", "examples", "typed-client");

const stack = useTestStack();

describe("the typed client generated from the public schema", () => {
  it("answers Musi Banyuasin's coverage with the schema's types", async () => {
    const regency = await regencyCoverage(stack.gateway.url, "16.06", "2025-07-31");
    expect(regency).toMatchObject({
      name: "Kabupaten Musi Banyuasin",
      coverage: {
        asOf: "2025-07-31",
        activeParticipants: 103079,
        workforce: 213582,
        gap: 8305,
        status: "ON_TRACK",
      },
    });
    expect(describeCoverage(regency!)).toBe(
      "Kabupaten Musi Banyuasin: 103,079 of 213,582 workers covered (48.26%) at 2025-07-31.",
    );
  });

  it("raises the gateway's errors with their codes", async () => {
    const refused = regencyCoverage(stack.gateway.url, "16-06");
    await expect(refused).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(refused).rejects.toThrow(/^BAD_USER_INPUT: /);
  });

  it("cannot be generated against a schema without a field it asks for: CI stops there", async () => {
    const withoutGap = print(
      visit(parse(readFileSync(API_SCHEMA_FILE, "utf8")), {
        ObjectTypeDefinition: (type) =>
          type.name.value === "Coverage"
            ? { ...type, fields: type.fields?.filter((field) => field.name.value !== "gap") }
            : undefined,
      }),
    );
    const generated = generate(
      {
        cwd: EXAMPLE,
        schema: withoutGap,
        documents: ["src/**/*.ts", "!src/gql/**"],
        generates: { "src/gql/": { preset: "client", config: { documentMode: "string" } } },
        silent: true,
      },
      false,
    );
    await expect(generated).rejects.toThrow(/Cannot query field "gap" on type "Coverage"/);
  });
});

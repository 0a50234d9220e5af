import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
// @ts-expect-error a plain ES module of the build, without types
import { operationCollector } from "./schema/operations.mjs";

const require = createRequire(import.meta.url);
const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const operations = operationCollector();

export default defineConfig({
  // The clients' .graphql files load as their operations, as the builds bundle them.
  plugins: [
    {
      name: "graphql-operations",
      load: (id: string) => (id.endsWith(".graphql") ? operations.module(id) : null),
    },
  ],
  resolve: {
    alias: [
      // Dependencies load graphql's CommonJS build; our sources must use the same one, or the
      // schema's types come "from another realm".
      { find: /^graphql$/, replacement: require.resolve("graphql") },
      // Tests run the TypeScript sources of the workspace packages, not their dist/.
      { find: /^@cakupan\/core$/, replacement: fromRoot("./core/src/index.ts") },
      { find: /^@cakupan\/observability$/, replacement: fromRoot("./observability/src/index.ts") },
      {
        find: /^@cakupan\/observability\/telemetry$/,
        replacement: fromRoot("./observability/src/telemetry.ts"),
      },
      { find: /^@cakupan\/kit$/, replacement: fromRoot("./subgraphs/kit/src/index.ts") },
      { find: /^@cakupan\/regencies$/, replacement: fromRoot("./subgraphs/regencies/src/index.ts") },
      { find: /^@cakupan\/participants$/, replacement: fromRoot("./subgraphs/participants/src/index.ts") },
      { find: /^@cakupan\/awards$/, replacement: fromRoot("./subgraphs/awards/src/index.ts") },
      { find: /^@cakupan\/ide$/, replacement: fromRoot("./ide/src/index.ts") },
      { find: /^@cakupan\/gateway$/, replacement: fromRoot("./gateway/src/index.ts") },
      { find: /^@cakupan\/launcher$/, replacement: fromRoot("./launcher/src/index.ts") },
      { find: /^@cakupan\/schema$/, replacement: fromRoot("./schema/src/index.ts") },
      {
        find: /^@cakupan\/example-typed-client$/,
        replacement: fromRoot("./examples/typed-client/src/index.ts"),
      },
    ],
  },
  test: {
    include: [
      "core/test/**/*.test.ts",
      "subgraphs/*/test/**/*.test.ts",
      "gateway/test/**/*.test.ts",
      "excel-addin/test/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    globalSetup: ["./test/support/global-setup.ts"],
    // Services log JSON lines (pino); a test that reads them passes its own destination. LOG_LEVEL=info to watch.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Test files share one seeded database per run; each file starts its own servers on free ports.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default", "json"],
    outputFile: { json: ".data/test-results.json" },
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
// @ts-expect-error a plain ES module of the build, without types
import { MANIFEST_FILE, operationCollector } from "../schema/operations.mjs";

/**
 * The dashboard is served by the gateway at /dashboard/. Its GraphQL operations live in src/operations/*.graphql:
 * each import becomes { name, id, body, ... } and every operation is listed in dist/persisted-operations.json,
 * which the gateway reads to accept them by id.
 */
export default defineConfig(() => {
  const operations = operationCollector();
  return {
    base: "/dashboard/",
    // The shared core as TypeScript source, so only what the dashboard uses is bundled.
    resolve: { alias: { "@cakupan/core": fileURLToPath(new URL("../core/src/index.ts", import.meta.url)) } },
    build: { target: "es2022", chunkSizeWarningLimit: 1200 },
    plugins: [
      {
        name: "graphql-operations",
        load: (id: string) => (id.endsWith(".graphql") ? operations.module(id) : null),
        generateBundle() {
          this.emitFile({ type: "asset", fileName: MANIFEST_FILE, source: operations.manifest() });
        },
      },
    ],
  };
});

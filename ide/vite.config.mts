import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { readmeExamples } from "./src/readme-examples";

const README = fileURLToPath(new URL("../README.md", import.meta.url));
const VIRTUAL_ID = "virtual:readme-examples";

/** The README's example operations, inlined into the bundle and written beside it as examples.json. */
function readmeExamplesPlugin(): Plugin {
  const examples = () => readmeExamples(readFileSync(README, "utf8"), README);
  return {
    name: "cakupan-readme-examples",
    resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return undefined;
      this.addWatchFile(README);
      return `export default ${JSON.stringify(examples())};`;
    },
    generateBundle() {
      this.emitFile({
        type: "asset",
        fileName: "examples.json",
        source: `${JSON.stringify(examples(), null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  root: "src/web",
  base: "/ide/",
  plugins: [readmeExamplesPlugin()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    target: "es2022",
    // Monaco is a large editor, and served once, from the gateway itself, with a long cache lifetime.
    chunkSizeWarningLimit: 5000,
    reportCompressedSize: false,
    rolldownOptions: {
      // framer-motion marks modules "use client" (for React Server Components): no meaning in a bundle.
      onLog(level, log, handler) {
        if (log.code !== "MODULE_LEVEL_DIRECTIVE") handler(level, log);
      },
    },
  },
  worker: { format: "es" },
  logLevel: "warn",
});

// Builds the add-in into dist/: functions.json from the JSDoc of the functions (also written to the
// package root, where it is committed), one bundled script for the shared runtime, the task pane, icons.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { build } from "esbuild";
import metadata from "custom-functions-metadata";
import { MANIFEST_FILE, operationCollector } from "../schema/operations.mjs";

const dist = new URL("./dist/", import.meta.url);
mkdirSync(new URL("assets/", dist), { recursive: true });

const generated = await metadata.generateCustomFunctionsMetadata("src/functions/functions.ts");
if (generated.errors.length) {
  console.error(`functions.json could not be generated:\n  ${generated.errors.join("\n  ")}`);
  process.exit(1);
}
const functionsJson = `${JSON.stringify(JSON.parse(generated.metadataJson), null, 2)}\n`;
writeFileSync(new URL("./functions.json", import.meta.url), functionsJson);
writeFileSync(new URL("functions.json", dist), functionsJson);

// .graphql imports become the operations they hold; every one is listed in the persisted-operation manifest.
const operations = operationCollector();
const graphqlOperations = {
  name: "graphql-operations",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.graphql$/ }, ({ path }) => ({
      contents: operations.module(path),
      loader: "js",
    }));
  },
};
const bundle = await build({
  entryPoints: ["src/main.ts"],
  plugins: [graphqlOperations],
  bundle: true,
  format: "iife",
  target: "es2020",
  outfile: "dist/addin.js",
  sourcemap: true,
  logLevel: "warning",
  // The shared core as TypeScript source: bundled as ES modules, only what the add-in uses is kept. Its
  // Node-only parts (the CLI helper) are never used here; should the add-in ever reach one, the check below
  // fails the build rather than ship a script that cannot load in Excel.
  alias: { "@cakupan/core": "../core/src/index.ts" },
  external: ["node:*"],
  metafile: true,
});
const nodeImports = Object.values(bundle.metafile.outputs).flatMap((output) =>
  output.imports.filter((i) => i.external),
);
if (nodeImports.length) {
  console.error(`The add-in bundle imports Node modules: ${nodeImports.map((i) => i.path).join(", ")}`);
  process.exit(1);
}
writeFileSync(new URL(MANIFEST_FILE, dist), operations.manifest());
for (const file of ["taskpane.html", "taskpane.css"])
  copyFileSync(new URL(`./src/taskpane/${file}`, import.meta.url), new URL(file, dist));

/** A square PNG: a teal field with three rising white bars (coverage growing). */
function icon(size) {
  const crc32 = (buffer) => {
    let c = ~0;
    for (const byte of buffer) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const bar = Math.floor((x / size) * 5);
      const inBar = bar % 2 === 0;
      const height = [0.35, 0, 0.6, 0, 0.85][bar] ?? 0;
      const white =
        inBar &&
        height > 0 &&
        y >= size * (0.9 - height) &&
        y < size * 0.9 &&
        x > size * 0.1 &&
        x < size * 0.9;
      row.push(...(white ? [255, 255, 255, 255] : [11, 110, 105, 255]));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
for (const size of [16, 32, 64, 80]) writeFileSync(new URL(`assets/icon-${size}.png`, dist), icon(size));
console.log(
  `built excel-addin/dist (functions.json: ${JSON.parse(functionsJson).functions.length} functions)`,
);

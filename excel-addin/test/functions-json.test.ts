import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../src/functions/functions";

const ADDIN = join(__dirname, "..");

describe("functions.json", () => {
  it("is what custom-functions-metadata generates from the functions' JSDoc (run npm run build when this fails)", async () => {
    const generated = await generateCustomFunctionsMetadata(join(ADDIN, "src/functions/functions.ts"));
    expect(generated.errors).toEqual([]);
    expect(readFileSync(join(ADDIN, "functions.json"), "utf8")).toBe(
      `${JSON.stringify(JSON.parse(generated.metadataJson), null, 2)}\n`,
    );
  });

  it("declares exactly the functions the add-in associates", () => {
    const metadata = JSON.parse(readFileSync(join(ADDIN, "functions.json"), "utf8"));
    expect(metadata.functions.map((f: { id: string }) => f.id).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it("makes LIVE a streaming function and the tables spill as matrices", () => {
    const metadata = JSON.parse(readFileSync(join(ADDIN, "functions.json"), "utf8"));
    const byId = Object.fromEntries(metadata.functions.map((f: { id: string }) => [f.id, f]));
    expect(byId.LIVE.options).toEqual({ stream: true });
    for (const id of ["TABLE", "HISTORY", "AWARDS"])
      expect(byId[id].result).toEqual({ dimensionality: "matrix" });
  });
});

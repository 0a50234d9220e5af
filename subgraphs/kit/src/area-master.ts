import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";

/**
 * The Kemendagri codes as the idn-area-data package ships them: a static reference every subgraph may
 * consult to tell an existing region from a well-formed but unknown code, without asking another
 * subgraph's database. The regencies subgraph owns the regions themselves (names, hierarchy, figures).
 */
export const AREA_DATA_DIR = join(dirname(require.resolve("idn-area-data/package.json")), "data");

const cache = new Map<string, ReadonlySet<string>>();

function codesOf(
  file: "provinces.csv" | "regencies.csv" | "districts.csv" | "villages.csv",
): ReadonlySet<string> {
  let codes = cache.get(file);
  if (!codes) {
    const rows: { code: string }[] = parse(readFileSync(join(AREA_DATA_DIR, file), "utf8"), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    });
    codes = new Set(rows.map((row) => row.code));
    cache.set(file, codes);
  }
  return codes;
}

export const knownProvinceCodes = () => codesOf("provinces.csv");
export const knownRegencyCodes = () => codesOf("regencies.csv");
export const knownDistrictCodes = () => codesOf("districts.csv");
export const knownVillageCodes = () => codesOf("villages.csv");

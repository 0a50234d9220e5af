import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { RegionReferences } from "@cakupan/core";

/**
 * The Kemendagri codes as the idn-area-data package ships them: a static reference every subgraph may
 * consult to tell an existing region from a well-formed but unknown code, without asking another
 * subgraph's database. The regencies subgraph owns the regions themselves (names, hierarchy, figures).
 */
export const AREA_DATA_DIR = join(dirname(require.resolve("idn-area-data/package.json")), "data");

const cache = new Map<string, ReadonlySet<string>>();

/**
 * A code at the start of a line of the area master's CSV files: the first column, never quoted. Reading
 * only that, not parsing whole records, takes the 84,000 villages in milliseconds instead of most of a
 * second, which every registry import paid before reading its first row.
 */
const LEADING_CODE = /^(\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?),/gm;

function codesOf(
  file: "provinces.csv" | "regencies.csv" | "districts.csv" | "villages.csv",
): ReadonlySet<string> {
  let codes = cache.get(file);
  if (!codes) {
    const text = readFileSync(join(AREA_DATA_DIR, file), "utf8");
    codes = new Set(Array.from(text.matchAll(LEADING_CODE), (match) => match[1]));
    cache.set(file, codes);
  }
  return codes;
}

export const knownProvinceCodes = () => codesOf("provinces.csv");
export const knownRegencyCodes = () => codesOf("regencies.csv");
export const knownDistrictCodes = () => codesOf("districts.csv");
export const knownVillageCodes = () => codesOf("villages.csv");

let masterReferences: RegionReferences | undefined;

/**
 * The regencies and cities of the area master as the one region resolver of @cakupan/core reads them (codes,
 * official and short names; the regencies subgraph's curated aliases are not here): for a subgraph that reads
 * region references without asking the regencies subgraph, like the registry import.
 */
export function areaMasterRegions(): RegionReferences {
  if (!masterReferences) {
    const rows: { code: string; province_code: string; name: string }[] = parse(
      readFileSync(join(AREA_DATA_DIR, "regencies.csv"), "utf8"),
      { columns: true, skip_empty_lines: true, trim: true },
    );
    masterReferences = new RegionReferences(
      rows.map((row) => ({
        code: row.code,
        name: row.name,
        shortName: row.name.replace(/^(Kabupaten|Kota)( Administrasi)? /, ""),
      })),
    );
  }
  return masterReferences;
}

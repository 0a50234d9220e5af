import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  AREA_DATA_DIR,
  knownDistrictCodes,
  knownProvinceCodes,
  knownRegencyCodes,
  knownVillageCodes,
} from "../src/area-master";

const everyCode = (file: string) =>
  new Set(
    (
      parse(readFileSync(join(AREA_DATA_DIR, file), "utf8"), {
        columns: true,
        skip_empty_lines: true,
        trim: true,
      }) as { code: string }[]
    ).map((row) => row.code),
  );

describe("area master codes", () => {
  it.each([
    ["provinces.csv", knownProvinceCodes],
    ["regencies.csv", knownRegencyCodes],
    ["districts.csv", knownDistrictCodes],
    ["villages.csv", knownVillageCodes],
  ])("reads exactly the codes of %s a full CSV parse reads", (file, known) => {
    expect(known()).toEqual(everyCode(file));
  });
});

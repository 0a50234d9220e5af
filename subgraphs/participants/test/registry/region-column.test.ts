import { describe, expect, it } from "vitest";
import { parseParticipantCsv } from "../../src/registry/participant-import";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "../../src/registry/synthetic";

const [row] = syntheticRows("16.06", 1, 3);

/** One valid synthetic row of Musi Banyuasin (16.06) with a kabupaten_kota column holding `region`. */
async function withRegion(region: string) {
  const { rows, problems } = await parseParticipantCsv(
    [[...SYNTHETIC_HEADER, "kabupaten_kota"].join(","), csvLine([...row, region])].join("\n"),
    "16.06",
  );
  return { rows, problems: problems.listed };
}

describe("the region column of a registry import, read by the one region resolver", () => {
  it.each(["16.06", "1606", "Kabupaten Musi Banyuasin", "kab. musi banyuasin", "Musi Banyuasin"])(
    "accepts %s for Musi Banyuasin",
    async (region) => {
      const { rows, problems } = await withRegion(region);
      expect(problems).toEqual([]);
      expect(rows).toHaveLength(1);
    },
  );

  it("refuses an ambiguous name with both candidates and their codes", async () => {
    expect((await withRegion("Malang")).problems).toEqual([
      {
        line: 2,
        column: "kabupaten_kota",
        rule: "REGION_AMBIGUOUS",
        message:
          '"Malang" is ambiguous: Kabupaten Malang (35.07) or Kota Malang (35.73). Write the full name or the code.',
      },
    ]);
  });

  it("refuses another regency, naming the one it read", async () => {
    expect((await withRegion("Kota Malang")).problems).toEqual([
      {
        line: 2,
        column: "kabupaten_kota",
        rule: "REGION_OUTSIDE_REGENCY",
        message:
          '"Kota Malang" is Kota Malang (35.73), not the enrolling regency 16.06: a regency enrols its own residents.',
      },
    ]);
  });

  it('answers an unknown region with the helpful "Unknown region" message', async () => {
    const [problem] = (await withRegion("Atlantis")).problems;
    expect(problem).toMatchObject({ rule: "REGION_UNKNOWN", column: "kabupaten_kota" });
    expect(problem.message).toContain(
      'Unknown region "Atlantis": give a Kemendagri code like 16.06 (or 1606)',
    );
  });
});

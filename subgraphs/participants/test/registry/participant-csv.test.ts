import { BreakdownDimension, PARTICIPANT_CATEGORIES } from "@cakupan/kit";
import { describe, expect, it } from "vitest";
import { parseParticipantCsv } from "../../src/registry/participant-import";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "../../src/registry/synthetic";

const [row] = syntheticRows("16.06", 1, 3);
const FUNDING = SYNTHETIC_HEADER.indexOf("sumber_dana");

/** One valid synthetic row with a segment column added and the funding replaced. */
async function parse(segment: string, funding: string) {
  const header = [...SYNTHETIC_HEADER, "segmen"];
  const values = [...row, segment];
  values[FUNDING] = funding;
  const { rows, problems } = await parseParticipantCsv(
    [header.join(","), csvLine(values)].join("\n"),
    "16.06",
  );
  return { rows, problems: problems.listed };
}

describe("the segment and funding columns of an import", () => {
  it("accept every word of the shared vocabulary for their dimension, as Excel does", async () => {
    for (const [category, { dimension, words }] of Object.entries(PARTICIPANT_CATEGORIES)) {
      for (const word of words) {
        if (dimension === BreakdownDimension.SEGMENT) {
          const { rows, problems } = await parse(word, "APBD");
          expect(problems, word).toEqual([]);
          expect(rows[0].segment, word).toBe(category);
        }
        if (dimension === BreakdownDimension.FUNDING) {
          const { rows, problems } = await parse("BPU", word.toLowerCase());
          expect(problems, word).toEqual([]);
          expect(rows[0].funding, word).toBe(category);
        }
      }
    }
  });

  it("accept PENERIMA UPAH, which Excel accepts for wage earners", async () => {
    expect((await parse("Penerima Upah", "APBD")).rows[0].segment).toBe("WAGE_EARNER");
  });

  it("refuse a group as a segment, listing the segments", async () => {
    expect((await parse("perangkat desa", "APBD")).problems).toEqual([
      {
        line: 2,
        column: "segmen",
        rule: "SEGMENT_UNKNOWN",
        message: '"perangkat desa" is not a segment: use PU, BPU, JAKON or PMI.',
      },
    ]);
  });
});

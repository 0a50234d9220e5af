import { PARTICIPANT_CATEGORIES, type ParticipantCategory } from "@cakupan/core";
import { describe, expect, it } from "vitest";
import { segmentCategory } from "../src/functions/jsk";

describe("a segment argument of JSK.PARTICIPANTS", () => {
  it("accepts every word of the shared vocabulary, as the import does, for the same category", () => {
    for (const [category, { words }] of Object.entries(PARTICIPANT_CATEGORIES) as [
      ParticipantCategory,
      { words: readonly string[] },
    ][]) {
      for (const word of words) expect(segmentCategory(word.toLowerCase()), word).toBe(category);
    }
  });

  it("accepts PROVINSI, which the import accepts for province-funded workers", () => {
    expect(segmentCategory("Provinsi")).toBe("PROVINCE_BUDGET");
  });

  it("refuses an unknown word with the list of words it takes", () => {
    expect(() => segmentCategory("honorer")).toThrow(
      /Unknown segment 'honorer': use PU, BPU, .*PROVINSI.* or PEMBERI KERJA\./,
    );
  });
});

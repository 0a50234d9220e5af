import { describe, expect, it } from "vitest";
import {
  BreakdownDimension,
  categoryFromText,
  categoryWords,
  PARTICIPANT_CATEGORIES,
  ParticipantCategory,
} from "../src/categories";

describe("the segment, group and funding vocabulary", () => {
  it("reads the words planners and labour offices write, in any case and spacing", () => {
    expect(categoryFromText("PROVINSI")).toBe(ParticipantCategory.PROVINCE_BUDGET);
    expect(categoryFromText("apbd  provinsi")).toBe(ParticipantCategory.PROVINCE_BUDGET);
    expect(categoryFromText("Penerima Upah")).toBe(ParticipantCategory.WAGE_EARNER);
    expect(categoryFromText("non-ASN")).toBe(ParticipantCategory.NON_ASN_STAFF);
    expect(categoryFromText("non asn")).toBe(ParticipantCategory.NON_ASN_STAFF);
    expect(categoryFromText("perangkat desa")).toBe(ParticipantCategory.VILLAGE_OFFICIAL);
  });

  it("reads the API's own names too", () => {
    for (const category of Object.values(ParticipantCategory))
      expect(categoryFromText(category)).toBe(category);
    expect(categoryFromText("self_paid")).toBe(ParticipantCategory.SELF_PAID);
  });

  it("gives every word exactly one category", () => {
    const seen = new Map<string, ParticipantCategory>();
    for (const [category, { words }] of Object.entries(PARTICIPANT_CATEGORIES)) {
      for (const word of words) {
        expect(seen.get(word), word).toBeUndefined();
        seen.set(word, category as ParticipantCategory);
        expect(categoryFromText(word), word).toBe(category);
      }
    }
  });

  it("refuses a word of another dimension when one is asked for", () => {
    expect(categoryFromText("PU", BreakdownDimension.FUNDING)).toBeNull();
    expect(categoryFromText("PROVINSI", BreakdownDimension.SEGMENT)).toBeNull();
    expect(categoryFromText("PROVINSI", BreakdownDimension.FUNDING)).toBe(
      ParticipantCategory.PROVINCE_BUDGET,
    );
    expect(categoryFromText("honorer")).toBeNull();
  });

  it("lists the usual word of each category for messages", () => {
    expect(categoryWords(BreakdownDimension.SEGMENT)).toBe("PU, BPU, JAKON or PMI");
    expect(categoryWords(BreakdownDimension.FUNDING)).toBe(
      "APBD, APBDES, PROVINSI, CSR, BAZNAS, MANDIRI or PEMBERI KERJA",
    );
    expect(categoryWords()).toContain("PERANGKAT DESA");
  });
});

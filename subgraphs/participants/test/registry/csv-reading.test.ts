import { describe, expect, it } from "vitest";
import { parseParticipantCsv } from "../../src/registry/participant-import";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "../../src/registry/synthetic";

/**
 * How an import reads its file: each record's line as the file has it, whatever the file's shape and however
 * it arrives (a string, or a stream in pieces that split records anywhere).
 */
const rows = [...syntheticRows("16.06", 6, 41)];
const NAME = SYNTHETIC_HEADER.indexOf("nama");
const PROGRAM = SYNTHETIC_HEADER.indexOf("program");
const withoutJkm = (row: string[]) => row.map((value, i) => (i === PROGRAM ? "JKK" : value));

/** The file's text as a stream of pieces of `size` bytes. */
async function* inPieces(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

const linesOf = async (source: string | AsyncIterable<Buffer>) =>
  (await parseParticipantCsv(source, "16.06", "2026-11-30")).problems.listed.map((p) => [p.line, p.rule]);

describe("reading an import's file", () => {
  it("gives a row after a quoted line break, and after empty lines, the line it starts on", async () => {
    const body = [
      csvLine(rows[0].map((value, i) => (i === NAME ? "Budi\nSantoso" : value))),
      "",
      csvLine(withoutJkm(rows[1])),
      "",
      "",
      csvLine(withoutJkm(rows[2])),
    ];
    const file = [SYNTHETIC_HEADER.join(","), ...body].join("\r\n");
    expect(await linesOf(file)).toEqual([
      [5, "PROGRAM_REQUIRED"],
      [8, "PROGRAM_REQUIRED"],
    ]);
  });

  it("reads a file arriving in small pieces, records split anywhere, as it reads it whole", async () => {
    const body = rows.map((row, i) => csvLine(i % 2 ? withoutJkm(row) : row));
    const file = `\uFEFF${[SYNTHETIC_HEADER.join(","), ...body].join("\r\n")}\r\n`;
    const whole = await parseParticipantCsv(file, "16.06", "2026-11-30");
    const pieces = await parseParticipantCsv(inPieces(file, 7), "16.06", "2026-11-30");
    expect(whole.rowCount).toBe(6);
    expect(whole.problems.listed.map((p) => p.line)).toEqual([3, 5, 7]);
    expect(pieces).toEqual(whole);
  });

  it("reports where a file stops being CSV, after every bad row before it", async () => {
    const file = [
      SYNTHETIC_HEADER.join(","),
      csvLine(withoutJkm(rows[0])),
      csvLine(rows[1]),
      `"${csvLine(rows[2])}`,
    ].join("\n");
    const { problems, rows: good } = await parseParticipantCsv(file, "16.06", "2026-11-30");
    expect(problems.listed.map((p) => [p.line, p.rule])).toEqual([
      [2, "PROGRAM_REQUIRED"],
      [4, "CSV_UNREADABLE"],
    ]);
    expect(good.map((row) => row.line)).toEqual([3]);
  });
});

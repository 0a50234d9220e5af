import { describe, expect, it } from "vitest";
import { SYNTHETIC_HEADER, syntheticRows } from "@cakupan/participants";
import { bearer } from "../../support/auth";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/**
 * The CSV files labour offices really send: Excel in an Indonesian locale separates with ";", writes a BOM
 * and CRLF line ends, and quotes values holding line breaks. Each is read as the file means it.
 */
const stack = useTestStack();

const IMPORT = `mutation($csv: String!) { importParticipants(regencyCode: "16.06", csv: $csv, dryRun: true) {
  rows valid problems { line column message } } }`;
const check = async (csv: string) =>
  (await data(stack.gateway.url, IMPORT, { csv }, await bearer("operator", ["16.06"]))).importParticipants;
const rows = [...syntheticRows("16.06", 3, 301)];
const quoted = (value: string) => (/[";,\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const fileWith = (delimiter: string, lineEnd: string, body = rows) =>
  [SYNTHETIC_HEADER.join(delimiter), ...body.map((row) => row.map(quoted).join(delimiter))].join(lineEnd) +
  lineEnd;

describe("CSV dialects of an import", () => {
  it("reads a semicolon-separated file (Excel in an Indonesian locale) by its header", async () => {
    expect(await check(fileWith(";", "\n"))).toEqual({ rows: 3, valid: 3, problems: [] });
  });

  it("reads a comma-separated file whose programs are written JKK;JKM", async () => {
    const body = rows.map((row) => [...row.slice(0, 6), "JKK;JKM", ...row.slice(7)]);
    const file = [SYNTHETIC_HEADER.join(","), ...body.map((row) => row.join(","))].join("\n");
    expect(await check(file)).toEqual({ rows: 3, valid: 3, problems: [] });
  });

  it("accepts a byte order mark and CRLF line ends", async () => {
    expect(await check(`\uFEFF${fileWith(";", "\r\n")}`)).toEqual({ rows: 3, valid: 3, problems: [] });
  });

  it("reads a quoted line break inside a value as part of that value, and counts lines as the file has them", async () => {
    const body = [
      [rows[0][0], "Budi\nSantoso", ...rows[0].slice(2)],
      rows[1],
      [...rows[2].slice(0, 8), "bukan angka", ...rows[2].slice(9)],
    ];
    const report = await check(fileWith(";", "\r\n", body));
    expect(report).toMatchObject({ rows: 3, valid: 2 });
    expect(report.problems).toEqual([
      { line: 5, column: "iuran", message: expect.stringContaining("bukan angka") },
    ]);
  });
});

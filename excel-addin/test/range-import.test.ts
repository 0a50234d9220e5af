import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { bearer } from "../../test/support/auth";
import { useTestStack } from "../../test/support/servers";
import { RangeImport, rangeToCsv, selectedValues } from "../src/taskpane/range-import";

const stack = useTestStack({ ownParticipantsDatabase: "taskpane_import" });

/** A branch office's sheet of Lahat (16.04), made up for this test: month-end dates as Excel date serials. */
const SOURCE = {
  publisher: "Test fixture",
  title: "Monthly coverage of Lahat, 2024 (made up for this test)",
};
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
const monthEnd = (month: number) => new Date(Date.UTC(2024, month, 0)).toISOString().slice(0, 10);
const sheet = (): unknown[][] => [
  ["kode_kabupaten", "posisi", "peserta"],
  ...Array.from({ length: 12 }, (_, i) => ["16.04", serial(monthEnd(i + 1)), 20000 + 300 * i]),
  ["", "", ""],
];

describe("a selected range as CSV", () => {
  it("turns Excel date serials of the date column into ISO days and drops blank rows", () => {
    const csv = rangeToCsv(sheet()).split("\n");
    expect(csv).toHaveLength(13);
    expect(csv[0]).toBe("kode_kabupaten,posisi,peserta");
    expect(csv[1]).toBe("16.04,2024-01-31,20000");
    expect(csv[12]).toBe("16.04,2024-12-31,23300");
  });

  it("quotes a value holding a comma or a quote", () => {
    expect(rangeToCsv([["catatan"], ['kata "sekitar", dibulatkan']])).toBe(
      'catatan\n"kata ""sekitar"", dibulatkan"',
    );
  });

  it("reads the selected range's values from Excel", async () => {
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          range: { values: sheet() },
          getSelectedRange(this: any) {
            return this.range;
          },
        },
      },
    });
    expect(await selectedValues(mock.context as unknown as Excel.RequestContext)).toEqual(sheet());
  });
});

describe("sending a range as a bulk import: a dry run, then confirm", () => {
  const importer = async (role: "operator" | "planner" = "operator") => {
    const token = (await bearer(role, role === "operator" ? ["16.04"] : [])).authorization.replace(
      "Bearer ",
      "",
    );
    return new RangeImport(() => ({ url: stack.gateway.url, token }));
  };

  it("lists the problems of a dry run and offers no confirmation", async () => {
    const range = await importer();
    const values = sheet();
    values[3][2] = "banyak";
    const result = await range.check(values, SOURCE);
    expect(result).toMatchObject({ dryRun: true, stored: false, problemCount: 1 });
    expect(result.problems[0]).toMatchObject({ line: 4, column: "peserta", rule: "PERSONS_NUMBER" });
    expect(range.canConfirm).toBe(false);
    await expect(range.confirm()).rejects.toThrow("Check the range first");
  });

  it("stores exactly what the clean dry run checked, once confirmed; again, nothing new", async () => {
    const range = await importer();
    expect(await range.check(sheet(), SOURCE)).toMatchObject({
      dryRun: true,
      problemCount: 0,
      reports: 12,
      inserted: 0,
    });
    expect(range.canConfirm).toBe(true);
    expect(await range.confirm()).toMatchObject({ dryRun: false, stored: true, inserted: 12 });
    expect(range.canConfirm).toBe(false);
    await range.check(sheet(), SOURCE);
    expect(await range.confirm()).toMatchObject({ stored: true, inserted: 0, unchanged: 12 });
  });

  it("says a planner may not import, as the gateway does", async () => {
    await expect((await importer("planner")).check(sheet(), SOURCE)).rejects.toThrow(/operator or admin/);
  });
});

import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { insertTable, recalculate, refreshTable } from "../src/taskpane/excel-writer";
import { caveatsOf, sourcesOf, tableValues } from "../src/taskpane/table-values";
import type { TableRow } from "../src/functions/jsk";

const rows: TableRow[] = [
  {
    code: "16.06",
    name: "Kabupaten Musi Banyuasin",
    province: "Sumatera Selatan",
    coverage: {
      asOf: "2025-07-31",
      activeParticipants: 103079,
      workforce: 213582,
      rate: 0.4826,
      target: 0.5215,
      targetYear: 2025,
      gap: 8305,
      requiredMonthlyPace: 1661,
      status: "ON_TRACK",
      activeParticipantsStatus: "REPORTED",
      measure: "REGISTERED",
      inferred: false,
      inference: null,
      ageMonths: 0,
      stale: false,
      notes: [],
      sources: [
        {
          publisher: "JPNN.com",
          title: "Pemkab Muba ...",
          publishedOn: "2025-09-18",
          reportedOn: "2025-09-18",
        },
      ],
    },
  },
  { code: "16.01", name: "Kabupaten Ogan Komering Ulu", province: "Sumatera Selatan", coverage: null },
];

/** The Excel objects the task pane touches, as office-addin-mock plays them; `written` records what reached the sheet. */
function mockWorkbook() {
  const written: {
    size?: { rows: number; columns: number };
    range?: any;
    table?: { hasHeaders: boolean; name?: string };
    calculated?: string;
  } = {};
  const data = {
    context: {
      workbook: {
        selection: {
          address: "Sheet1!B2",
          resized: {
            address: "Sheet1!B2:E4",
            values: [] as unknown[][],
            numberFormat: [] as unknown[][],
            format: { autofitColumns() {} },
          },
          getCell() {
            return this;
          },
          getResizedRange(this: any, rows: number, columns: number) {
            written.size = { rows: rows + 1, columns: columns + 1 };
            return this.resized;
          },
        },
        getSelectedRange(this: any) {
          return this.selection;
        },
        sheet: {
          tables: {
            add(range: unknown, hasHeaders: boolean) {
              written.range = range;
              written.table = { hasHeaders };
              return written.table;
            },
          },
        },
        worksheets: {
          getActiveWorksheet() {
            return data.context.workbook.sheet;
          },
        },
        application: {
          calculate(type: string) {
            written.calculated = type;
          },
        },
      },
    },
  };
  const mock = new OfficeMockObject(data);
  return { context: mock.context as unknown as Excel.RequestContext, written };
}

describe("the task pane's table", () => {
  it("has a localized header and empty cells, not zeros, where a regency has no report", () => {
    const table = tableValues(rows, ["code", "name", "active", "rate", "gap"], "id");
    expect(table.header).toEqual(["Kode", "Nama", "Peserta aktif", "Cakupan", "Kekurangan"]);
    expect(table.values).toEqual([
      ["16.06", "Kabupaten Musi Banyuasin", 103079, 0.4826, 8305],
      ["16.01", "Kabupaten Ogan Komering Ulu", "", "", ""],
    ]);
    expect(table.numberFormats).toEqual(["@", "@", "#,##0", "0.00%", "#,##0"]);
    expect(tableValues(rows, ["rate"], "en").header).toEqual(["Coverage"]);
  });

  it("names the sources behind its figures", () => {
    expect(sourcesOf(rows)).toEqual(["JPNN.com, Pemkab Muba ..., 2025-09-18"]);
  });

  it("is written at the selected cell as an Excel table with a header row", async () => {
    const { context, written } = mockWorkbook();
    const table = tableValues(rows, ["code", "name", "active", "rate"], "en");
    const address = await insertTable(context, table, "JSK_test");
    expect(address).toBe("Sheet1!B2:E4");
    expect(written.size).toEqual({ rows: 3, columns: 4 });
    written.range.load(["values", "numberFormat"]);
    await context.sync();
    expect(written.range.values).toEqual([
      ["Code", "Name", "Active participants", "Coverage"],
      ["16.06", "Kabupaten Musi Banyuasin", 103079, 0.4826],
      ["16.01", "Kabupaten Ogan Komering Ulu", "", ""],
    ]);
    expect(written.range.numberFormat).toEqual([
      ["@", "@", "@", "@"],
      ["@", "@", "#,##0", "0.00%"],
      ["@", "@", "#,##0", "0.00%"],
    ]);
    expect(written.table).toEqual({ hasHeaders: true, name: "JSK_test" });
  });

  it("refresh rewrites the rows of the table it inserted, adding rows when there are more", async () => {
    const added: unknown[][] = [];
    const data = {
      context: {
        workbook: {
          tables: {
            table: {
              body: { rowCount: 1, values: [] as unknown[][], numberFormat: [] as unknown[][] },
              getDataBodyRange(this: any) {
                return this.body;
              },
              rows: {
                add: (_index: unknown, values: unknown[][]) => added.push(...values),
                getItemAt: () => ({ delete() {} }),
              },
            },
            getItem(this: any) {
              return this.table;
            },
          },
        },
      },
    };
    const mock = new OfficeMockObject(data);
    const context = mock.context as unknown as Excel.RequestContext;
    await refreshTable(context, "JSK_test", tableValues(rows, ["code", "active"], "id"));
    expect(added).toEqual([["", ""]]);
    const body = (mock.context as any).workbook.tables.table.body;
    body.load("values");
    await context.sync();
    expect(body.values).toEqual([
      ["16.06", 103079],
      ["16.01", ""],
    ]);
  });

  it("recalculates every formula, so JSK cells ask again", async () => {
    const { context, written } = mockWorkbook();
    await recalculate(context);
    expect(written.calculated).toBe("Full");
  });
});

describe("the task pane's source view", () => {
  it("says beside the sources which figures are inferred or stale, and why", () => {
    const oganIlir: TableRow = {
      code: "16.10",
      name: "Kabupaten Ogan Ilir",
      province: "Sumatera Selatan",
      coverage: {
        asOf: "2023-10-13",
        activeParticipants: 35000,
        workforce: null,
        rate: null,
        target: 0.5215,
        targetYear: 2025,
        gap: null,
        requiredMonthlyPace: null,
        status: null,
        activeParticipantsStatus: "ESTIMATE",
        measure: "ACTIVE",
        inferred: true,
        inference: "The year of 'Jumat (13/10)' is assumed.",
        ageMonths: 21,
        stale: true,
        notes: ["The report of 2023-10-13 is 21 months old at 2025-07-31, older than maxAgeMonths (12)."],
        sources: [{ publisher: "Media Indonesia", title: null, publishedOn: null, reportedOn: "2023-10-13" }],
      },
    };
    expect(caveatsOf([...rows, oganIlir], { inferredLabel: "Inferred", staleLabel: "Stale" })).toEqual([
      "Kabupaten Ogan Ilir (2023-10-13), Inferred: The year of 'Jumat (13/10)' is assumed.",
      "Kabupaten Ogan Ilir (2023-10-13), Stale: The report of 2023-10-13 is 21 months old at 2025-07-31, older than maxAgeMonths (12).",
    ]);
    expect(sourcesOf([oganIlir])).toEqual(["Media Indonesia, 2023-10-13"]);
  });
});

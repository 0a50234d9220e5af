import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { launchChromium, openTaskPane } from "../../support/browser";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/**
 * The add-in as served by a live gateway (real subgraphs, real PostgreSQL), in headless Chromium, with the
 * Office host stubbed: office.js is the one file that only Microsoft's CDN serves.
 */
const stack = useTestStack({ ownParticipantsDatabase: "excel_browser" });
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openTaskPane(browser, stack.gateway.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the Excel add-in in a browser, against the live gateway", () => {
  it("inserts a table for province 16 holding the same figures the gateway returns", async () => {
    await page.fill("#as-of", "2025-07-31");
    await page.click("#insert");
    await page.waitForFunction(() => (window as any).__sheet.tables.length === 1, null, { timeout: 20_000 });
    const sheet = await page.evaluate(() => (window as any).__sheet);
    const table = sheet.tables[0];
    expect(table.hasHeaders).toBe(true);
    expect(table.name).toMatch(/^JSK_/);
    const cell = (row: number, column: number) => sheet.cells[`${row},${column}`];
    const header = Array.from({ length: 12 }, (_, c) => cell(0, c));
    expect(header).toEqual([
      "Kode",
      "Nama",
      "Peserta aktif",
      "Ukuran",
      "Potensi tenaga kerja",
      "Cakupan",
      "Target",
      "Kekurangan",
      "Status",
      "Umur (bulan)",
      "Tanda",
      "Sumber",
    ]);

    const { regencies } = await data(
      stack.gateway.url,
      `{ regencies(provinceCode: "16") { code name coverage(asOf: "2025-07-31") {
        activeParticipants measure workforce rate target gap status ageMonths } } }`,
    );
    expect(table.range.rows).toBe(regencies.length + 1);
    regencies.forEach((regency: any, i: number) => {
      const c = regency.coverage;
      expect(Array.from({ length: 10 }, (_, column) => cell(i + 1, column))).toEqual([
        regency.code,
        regency.name,
        c?.activeParticipants ?? "",
        c?.measure ?? "",
        c?.workforce ?? "",
        c?.rate ?? "",
        c?.target ?? "",
        c?.gap ?? "",
        c?.status ?? "",
        c?.ageMonths ?? "",
      ]);
    });
    // The dashboard's badges, in words: an estimate without a workforce estimate, stale and inferred; a discrepancy; no report.
    const flags = Object.fromEntries(
      regencies.map((r: { code: string }, i: number) => [r.code, cell(i + 1, 10)]),
    );
    expect([flags["16.10"], flags["16.06"], flags["16.01"]]).toEqual([
      "PERKIRAAN; tanpa potensi TK; LAMA; DISIMPULKAN",
      "SELISIH",
      "belum ada laporan",
    ]);
    expect(await page.textContent("#sources")).toContain("JPNN.com");
    // the source view says which figures are inferred or stale, and why
    const caveats = await page.textContent("#caveats");
    expect(caveats).toContain(
      "Kabupaten Ogan Ilir (2023-10-13), Disimpulkan: The date's year and the measure are derived.",
    );
    expect(caveats).toContain(
      "Kabupaten Ogan Ilir (2023-10-13), Kedaluwarsa: The report of 2023-10-13 is 21 months old",
    );
    expect(await page.textContent("#last-refreshed")).not.toBe("belum pernah");
    await page.screenshot({ path: join(__dirname, "..", "..", "..", ".data", "taskpane.png") });
  });

  it("updates a JSK.LIVE cell after recordCoverageReport changes the figure", async () => {
    await page.evaluate(() => {
      const w = window as any;
      w.__live = [];
      w.__functions.LIVE("Muba", "active", {
        setResult: (value: unknown) => w.__live.push({ value, at: Date.now() }),
      });
    });
    await page.waitForFunction(() => (window as any).__live.some((r: any) => r.value === 103079), null, {
      timeout: 20_000,
    });
    const recordedAt = Date.now();
    await data(
      stack.gateway.url,
      `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`,
      {
        input: {
          regencyCode: "16.06",
          asOf: "2025-08-31",
          activeParticipants: 104321,
          source: { publisher: "BPJS Ketenagakerjaan Cabang Musi Banyuasin", title: "Laporan Agustus 2025" },
        },
      },
      await bearer("operator", ["16.06"]),
    );
    await page.waitForFunction(() => (window as any).__live.some((r: any) => r.value === 104321), null, {
      timeout: 30_000,
    });
    const shownAt = await page.evaluate(() => (window as any).__live.find((r: any) => r.value === 104321).at);
    console.log(`JSK.LIVE in the browser: ${shownAt - recordedAt} ms from recordCoverageReport to the cell`);
  });

  it("switches the task pane to English", async () => {
    await page.selectOption("#language", "en");
    expect(await page.textContent("#insert")).toBe("Insert table");
  });
});

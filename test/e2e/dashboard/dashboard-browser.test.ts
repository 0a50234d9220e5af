import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { launchChromium, screenshotFolder } from "../../support/browser";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/**
 * The dashboard as the gateway serves it (real subgraphs, real PostgreSQL), in headless Chromium. Screenshots
 * of the three views are saved under .data/screenshots/dashboard/ for a person to look at (UPDATE_SCREENSHOTS=1: the committed
 * __screenshots__/).
 */
const SCREENSHOTS = screenshotFolder(__dirname);

const stack = useTestStack({ ownParticipantsDatabase: "dashboard_browser", responseCache: true });
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  base = stack.gateway.url.replace("/graphql", "/dashboard/");
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(search: string): Promise<void> {
  await page.goto(`${base}${search}`);
  await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 20_000 });
  // Charts draw on the next frame; the canvas is there when they have.
  await page.waitForFunction(
    () => [...document.querySelectorAll(".chart")].every((c) => c.querySelector("canvas")),
    null,
    { timeout: 10_000 },
  );
}

const cellValues = (table: string) =>
  page.$$eval(`#${table} tbody tr`, (rows) =>
    rows.map((row) =>
      Object.fromEntries(
        [...row.children].map((cell) => [
          (cell as HTMLElement).dataset.column,
          (cell as HTMLElement).dataset.value,
        ]),
      ),
    ),
  );

describe("the dashboard in a browser, against the live gateway", () => {
  it("national view: the 38 provinces with reporting counts, South Sumatra's rate among them", async () => {
    await open("?asOf=2025-07-31");
    const rows = await cellValues("national-table");
    expect(rows).toHaveLength(38);
    const south = rows.find((r) => r.code === "16")!;
    const { province } = await data(
      stack.gateway.url,
      `{ province(code: "16") { coverage(asOf: "2025-07-31") { reportingCount rate } } }`,
    );
    expect(Number(south.reporting)).toBe(province.coverage.reportingCount);
    expect(Number(south.rate)).toBe(province.coverage.rate);
    expect(
      await page.textContent("#national-table tbody tr[data-key='16'] td[data-column='rate']"),
    ).toContain("48,26%");
    await page.fill("#province-filter", "sumatera");
    expect(await page.$$eval("#national-table tbody tr:not([hidden])", (r) => r.length)).toBe(3);
    await page.fill("#province-filter", "");
    await page.screenshot({ path: join(SCREENSHOTS, "national.png"), fullPage: true });
  });

  it("national chart: a province's target shows even when no neighbouring bar has one", async () => {
    await open("?asOf=2025-07-31");
    const option = await page.$eval("#national-chart", (element) =>
      (element as unknown as { chart: { getOption(): any } }).chart.getOption(),
    );
    const categories = option.xAxis[0].data as string[];
    const target = (option.series as { name: string; data: unknown[] }[]).find((s) => s.name === "Target")!;
    const targets = target.data.map((item) =>
      item !== null && typeof item === "object" ? (item as { value: number }).value : item,
    );
    const drawn = targets.filter((value) => value !== null && value !== undefined);
    expect(drawn.length).toBeGreaterThan(0);
    targets.forEach((value, i) => {
      const alone = value !== null && (targets[i - 1] ?? null) === null && (targets[i + 1] ?? null) === null;
      if (alone) expect(target.data[i], categories[i]).toMatchObject({ symbol: "rect" });
    });
  });

  it("province view 16 at 2025-07-31: every regency's rate, gap and as-of date as GraphQL gives them", async () => {
    await open("?place=16&asOf=2025-07-31");
    const shown = await cellValues("province-table");
    const { regencies } = await data(
      stack.gateway.url,
      `{ regencies(provinceCode: "16") { code coverage(asOf: "2025-07-31") { asOf rate gap } } }`,
    );
    expect(shown.map((r) => r.code)).toEqual(regencies.map((r: { code: string }) => r.code));
    for (const regency of regencies) {
      const row = shown.find((r) => r.code === regency.code)!;
      const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
      expect([row.rate, row.gap, row.asOf], regency.code).toEqual([
        text(regency.coverage?.rate),
        text(regency.coverage?.gap),
        text(regency.coverage?.asOf),
      ]);
    }
    const muba = "#province-table tbody tr[data-key='16.06']";
    expect(await page.textContent(`${muba} td[data-column='active']`)).toBe("103.079");
    expect(await page.textContent(`${muba} td[data-column='rate']`)).toBe("48,26%");
    expect(
      await page.getAttribute(
        "#province-table tbody tr[data-key='16.10'] [data-badge='estimate']",
        "data-badge",
      ),
    ).toBe("estimate");
    expect(
      await page.getAttribute(
        "#province-table tbody tr[data-key='16.01'] [data-badge='missing']",
        "data-badge",
      ),
    ).toBe("missing");
    expect(await page.textContent("#province-table tbody tr[data-key='16.01'] td[data-column='rate']")).toBe(
      "—",
    );
    expect(await page.textContent(".rollup .missing")).toContain("Ogan Komering Ulu");
    // Ogan Ilir's 2023 report is 21 months old: badged stale and inferred, listed apart and not summed.
    expect(
      await page.getAttribute("#province-table tbody tr[data-key='16.10'] [data-badge='stale']", "title"),
    ).toContain("21");
    expect(
      await page.getAttribute("#province-table tbody tr[data-key='16.10'] [data-badge='inferred']", "title"),
    ).toContain("Jumat (13/10)");
    expect(await page.textContent("#province-table tbody tr[data-key='16.10'] td[data-column='age']")).toBe(
      "21",
    );
    expect(await page.textContent(".rollup .stale")).toContain("Ogan Ilir");
    expect(await page.textContent("#rollup-active .kpi-value")).toBe("103.079");
    await page.screenshot({ path: join(SCREENSHOTS, "province-16.png"), fullPage: true });
  });

  it("regency view 16.06: its history as two points and the target line", async () => {
    await open("?place=16.06&asOf=2025-07-31");
    const option = await page.$eval("#history-chart", (element) =>
      (element as unknown as { chart: { getOption(): any } }).chart.getOption(),
    );
    const series = option.series as { name: string; data: [number, number][] }[];
    const rate = series.find((s) => s.name === "Cakupan")!;
    expect(rate.data.map(([, value]) => value)).toEqual([88958 / 213582, 103079 / 213582]);
    const target = series.find((s) => s.name === "Target")!;
    expect(target.data.every(([, value]) => value === 0.5215)).toBe(true);
    expect(await page.$$eval("#history-table tbody tr", (rows) => rows.length)).toBe(3);
    expect(await page.textContent("#kpi-gap")).toContain("8.305");
    expect(await page.textContent("#kpi-gap .discrepancy")).toContain("21.311");
    await page.screenshot({ path: join(SCREENSHOTS, "regency-16.06.png"), fullPage: true });
  });

  it("regency view 16.06: the projection to the end of 2025 beside the history and the target, with its method", async () => {
    await open("?place=16.06&asOf=2025-07-31");
    const option = await page.$eval("#history-chart", (element) =>
      (element as unknown as { chart: { getOption(): any } }).chart.getOption(),
    );
    const series = option.series as { name: string; data: [number, number][] }[];
    const projection = series.find((s) => s.name === "Proyeksi")!;
    // From July 2025's 103,079 to 113,165 at 31 December 2025 (103,079 + 5 x 14,121 / 7, rounded).
    expect(projection.data).toEqual([
      [Date.parse("2025-07-31T00:00:00Z"), 103079 / 213582],
      [Date.parse("2025-12-31T00:00:00Z"), 113165 / 213582],
    ]);
    // Two reports: a straight line, so no range is drawn.
    expect(series.some((s) => s.name === "Rentang proyeksi")).toBe(false);
    expect(await page.textContent("#projection [data-field='projectedRate']")).toBe("52,98%");
    expect(await page.textContent("#projection [data-field='projectedParticipants']")).toBe("113.165");
    expect(await page.textContent("#projection [data-field='targetReachedMonth']")).toBe("Desember 2025");
    expect(await page.textContent("#projection [data-field='method']")).toContain("garis lurus");
    expect(await page.textContent("#projection")).toContain("INDIKATIF");
    expect(await page.textContent("#projection [data-field='methodDescription']")).toContain(
      "A straight line through two comparable reports",
    );
  });

  it("reads ?place= as the one region resolver does: 1606 opens 16.06, Malang is refused with both candidates", async () => {
    await open("?place=1606&asOf=2025-07-31");
    expect(page.url()).toContain("place=16.06");
    expect(await page.textContent("#kpi-gap")).toContain("8.305");
    await open("?place=Malang");
    expect(await page.textContent("[role=alert]")).toContain(
      '"Malang" is ambiguous: Kabupaten Malang (35.07) or Kota Malang (35.73)',
    );
  });

  it("regency view names the award's assessment stages in words, not their codes", async () => {
    await open("?place=16.06&asOf=2025-07-31");
    const stages = (await page.textContent("#nominations")) ?? "";
    expect(stages).toContain("Wawancara — dijadwalkan");
    expect(stages).toContain("Pengumpulan data — sedang berjalan");
    expect(stages).not.toMatch(/INTERVIEW|COMPLETED|DATA_COLLECTION/);
  });

  it("switches to English through the URL, numbers written the English way", async () => {
    await open("?place=16&asOf=2025-07-31&lang=en");
    expect(await page.textContent("#province-table tbody tr[data-key='16.06'] td[data-column='rate']")).toBe(
      "48.26%",
    );
    expect(
      await page.textContent("#province-table tbody tr[data-key='16.06'] td[data-column='active']"),
    ).toBe("103,079");
  });

  it("works at a phone's width: no horizontal scrolling of the page, the chart as wide as the screen", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(`${base}?place=16.06&asOf=2025-07-31`);
    await phone.waitForFunction(() => document.querySelector("#history-chart canvas"), null, {
      timeout: 20_000,
    });
    const { page: pageWidth, chart } = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      chart: document.getElementById("history-chart")!.getBoundingClientRect().width,
    }));
    expect(pageWidth).toBeLessThanOrEqual(390);
    expect(chart).toBeGreaterThan(300);
    await phone.screenshot({ path: join(SCREENSHOTS, "regency-16.06-phone.png"), fullPage: true });
    await phone.close();
  });

  it("saves a chart as PNG", async () => {
    await open("?place=16&asOf=2025-07-31");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("button.png[data-chart='province-chart']"),
    ]);
    expect(download.suggestedFilename()).toBe("province-chart.png");
  });

  it("redraws a regency within 2 s of a recorded report, without a reload", async () => {
    await open("?place=16");
    const cell = "#province-table tbody tr[data-key='16.06'] td[data-column='active']";
    expect(await page.textContent(cell)).toBe("103.079");
    await page.evaluate((selector) => {
      const w = window as unknown as { __changedAt?: number };
      new MutationObserver(() => {
        if (document.querySelector(selector)?.textContent === "104.321") w.__changedAt ??= Date.now();
      }).observe(document.getElementById("app")!, { childList: true, subtree: true, characterData: true });
    }, cell);
    const renders = await page.evaluate(() => (window as any).__dashboard.renders);
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
    const recordedAt = Date.now();
    await page.waitForFunction(() => (window as any).__changedAt !== undefined, null, { timeout: 10_000 });
    const changedAt = await page.evaluate(() => (window as any).__changedAt as number);
    const elapsed = changedAt - recordedAt;
    console.log(`dashboard live: ${elapsed} ms from recordCoverageReport's answer to the redrawn figure`);
    expect(await page.evaluate(() => (window as any).__dashboard.renders)).toBeGreaterThan(renders);
    expect(page.url()).toContain("place=16");
    expect(elapsed).toBeLessThan(2000);
  });
});

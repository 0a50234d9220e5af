import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

/** The flags every headless run here needs: no sandbox as root, no calls home on a closed network. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Which Chromium the browser tests drive: CHROMIUM_PATH when set, Debian's when installed, else the one
 * inside the @sparticuz/chromium dev dependency (inflated into the temporary directory), so `npm install &&
 * npm test` needs no apt step. Called once per run, from the global setup.
 */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

/** A headless Chromium for one test file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: inject("chromiumPath"), args: CHROMIUM_FLAGS });
}

/** office.js is the one file of the add-in that only Microsoft's CDN serves: tests stub the Office host. */
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * The add-in's task pane as a gateway serves it, in a new page with the Office host stubbed
 * (test/e2e/excel/office-host-stub.js records what it writes in window.__sheet and window.__functions),
 * once it has loaded its provinces.
 */
export async function openTaskPane(browser: Browser, gatewayUrl: string): Promise<Page> {
  const page = await browser.newPage();
  const stub = readFileSync(join(__dirname, "..", "e2e", "excel", "office-host-stub.js"), "utf8");
  await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: stub }));
  await page.goto(gatewayUrl.replace("/graphql", "/addin/taskpane.html"));
  await page.waitForFunction(
    () => (document.getElementById("province") as HTMLSelectElement)?.value === "16",
    null,
    { timeout: 20_000 },
  );
  return page;
}

/**
 * Where a browser test saves its screenshots for a person to look at: .data/screenshots/ (not committed), so
 * a test run leaves the tree as it was. UPDATE_SCREENSHOTS=1 writes them next to the test instead, into the
 * committed __screenshots__/ examples the README shows.
 */
export function screenshotFolder(testFolder: string): string {
  const root = join(__dirname, "..", "..");
  const folder = process.env.UPDATE_SCREENSHOTS
    ? join(testFolder, "__screenshots__")
    : join(root, ".data", "screenshots", relative(join(root, "test", "e2e"), testFolder));
  mkdirSync(folder, { recursive: true });
  return folder;
}

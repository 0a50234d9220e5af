import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
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

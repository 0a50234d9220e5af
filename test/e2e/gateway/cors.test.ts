import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../support/browser";
import { useTestStack } from "../../support/servers";

/** Two web pages on other origins (other ports), one of them in CORS_ORIGINS, reading the API from a browser. */
let browser: Browser;
const pages: Server[] = [];

async function servePage(): Promise<string> {
  const server = createServer((_request, response) =>
    response
      .writeHead(200, { "content-type": "text/html" })
      .end("<!doctype html><title>outside dashboard</title>"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  pages.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let allowedOrigin: string;
let otherOrigin: string;
const stack = useTestStack(async () => {
  allowedOrigin = await servePage();
  otherOrigin = await servePage();
  return { gateway: { corsOrigins: [allowedOrigin] } };
});

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of pages) server.close();
});

/** What a page of `origin` gets when it POSTs a query (JSON, so the browser sends a preflight first). */
async function readFrom(origin: string): Promise<{ ok: boolean; text: string }> {
  const page = await browser.newPage();
  await page.goto(origin);
  const result = await page.evaluate(async (url) => {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: '{ regency(code: "16.06") { name } }' }),
      });
      return { ok: true, text: await response.text() };
    } catch (error) {
      return { ok: false, text: String(error) };
    }
  }, stack.gateway.url);
  await page.close();
  return result;
}

describe("CORS with an allow-list", () => {
  it("lets a page of an origin in CORS_ORIGINS read the API from the browser", async () => {
    const { ok, text } = await readFrom(allowedOrigin);
    expect(ok).toBe(true);
    expect(JSON.parse(text).data.regency.name).toBe("Kabupaten Musi Banyuasin");
  });

  it("refuses a page of an origin not in CORS_ORIGINS", async () => {
    const { ok, text } = await readFrom(otherOrigin);
    expect(ok).toBe(false);
    expect(text).toContain("Failed to fetch");
  });

  it("answers an allowed preflight with the origin, never * and never credentials", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "OPTIONS",
      headers: {
        origin: allowedOrigin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a preflight from another origin with 403 and what to set", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "OPTIONS",
      headers: { origin: otherOrigin, "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await response.text()).toContain("CORS_ORIGINS");
  });
});

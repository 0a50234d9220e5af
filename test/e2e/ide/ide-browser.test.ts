import { join } from "node:path";
import { ideExamples } from "@cakupan/ide";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { launchChromium, screenshotFolder } from "../../support/browser";
import { useTestStack } from "../../support/servers";

/**
 * The IDE as a developer on a closed network meets it: Chromium with no route beyond this machine (every
 * other address goes to a proxy that is not there, and any request the page tries is recorded and
 * refused), opening the gateway's /graphql.
 */
const SCREENSHOTS = screenshotFolder(__dirname);

const stack = useTestStack();
let browser: Browser;
let context: BrowserContext;
let page: Page;
const beyondThisMachine: string[] = [];
const graphqlRequests: Request[] = [];

const isLoopback = (url: string) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:") return true;
  return hostname === "localhost" || hostname === "[::1]" || /^127\./.test(hostname);
};

/** The text an editor shows (Monaco renders spaces as no-break spaces). */
const shownIn = (editor: string) => async () =>
  (await page.locator(`${editor} .view-lines`).innerText()).replace(/\u00a0/g, " ");
const responseText = shownIn(".graphiql-response");
const queryText = shownIn(".graphiql-query-editor");

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    proxy: { server: "http://127.0.0.1:9", bypass: "127.0.0.1,localhost,[::1]" },
  });
  context.on("request", (request) => {
    if (!isLoopback(request.url())) beyondThisMachine.push(request.url());
    if (new URL(request.url()).pathname === "/graphql" && request.method() === "POST")
      graphqlRequests.push(request);
  });
  await context.route(
    (url) => !isLoopback(url.href),
    (route) => route.abort("internetdisconnected"),
  );
  page = await context.newPage();
  const introspected = page.waitForResponse((response) =>
    /IntrospectionQuery/.test(response.request().postData() ?? ""),
  );
  await page.goto(stack.gateway.url);
  await introspected;
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe("the GraphQL IDE at /graphql, in a browser without internet", () => {
  it("opens GraphiQL with the README's example operations as tabs, the first one active", async () => {
    const tabs = page.getByRole("tab");
    await expect.poll(() => tabs.count(), { timeout: 20_000 }).toBe(ideExamples().length);
    expect(await tabs.allInnerTexts()).toEqual(
      ideExamples().map((example) => expect.stringContaining(example.name)),
    );
    expect(await page.locator(".graphiql-tab-active").innerText()).toContain("MusiBanyuasinCoverage");
    expect(await page.title()).toBe("Cakupan API · GraphiQL");
  });

  it("runs the first README example and shows Musi Banyuasin's figures", async () => {
    await expect.poll(queryText, { timeout: 20_000 }).toContain("query MusiBanyuasinCoverage");
    await page.locator(".graphiql-execute-button").click();
    await expect.poll(responseText, { timeout: 20_000 }).toContain('"activeParticipants": 103079');
    const shown = await responseText();
    expect(shown).toContain('"name": "Kabupaten Musi Banyuasin"');
    expect(shown).toContain('"workforce": 213582');
    expect(shown).toContain('"rate": 0.4826');
    expect(shown).toContain('"gap": 8305');
    await page.screenshot({ path: join(SCREENSHOTS, "ide.png") });
  });

  it("sends GraphQL over HTTP: a JSON POST accepting application/graphql-response+json", async () => {
    const request = graphqlRequests.at(-1)!;
    const headers = await request.allHeaders();
    expect(headers["content-type"]).toBe("application/json");
    expect(headers.accept).toMatch(/^application\/graphql-response\+json, application\/json/);
    expect(JSON.parse(request.postData()!).query).toContain("query MusiBanyuasinCoverage");
    expect(headers.authorization).toBeUndefined();
  });

  it("sends a pasted token as Authorization: a planner sees what anonymous callers may not", async () => {
    const { authorization } = await bearer("planner");
    await page.getByRole("button", { name: "Show Token" }).click();
    await page.getByLabel("Bearer token").fill(authorization);
    await expect.poll(() => page.getByRole("status").innerText()).toContain("role planner");
    await page.getByRole("tab", { name: /OganIlirSegments/ }).click();
    await page.locator(".graphiql-execute-button").click();
    await expect.poll(responseText, { timeout: 20_000 }).toContain('"segments": [');
    expect(await responseText()).not.toContain("FORBIDDEN");
    const headers = await graphqlRequests.at(-1)!.allHeaders();
    expect(headers.authorization).toBe(authorization);
    await page.screenshot({ path: join(SCREENSHOTS, "ide-token.png") });
  });

  it("asked for nothing beyond this machine", () => {
    expect(beyondThisMachine).toEqual([]);
  });
});

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { persistedOperationsWarmUp, sendWarmUp, warmUpRequestsOf } from "../src/warm-up";

const OPERATIONS = [
  { name: "Directory", type: "query", body: "query Directory { provinces { code } }" },
  {
    name: "Regency",
    type: "query",
    body: "query Regency($code: ID!, $asOf: Date) { regency(code: $code) { name } }",
  },
  { name: "Search", type: "query", body: "query Search($term: String!) { search(term: $term) { code } }" },
  {
    name: "Defaulted",
    type: "query",
    body: 'query Defaulted($code: ID! = "16") { province(code: $code) { name } }',
  },
  {
    name: "Import",
    type: "mutation",
    body: "mutation Import($csv: String!) { importCoverageReports(csv: $csv) { rows } }",
  },
];

interface Received {
  body: { query: string; operationName: string; variables: Record<string, unknown> };
  authorization?: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that records what it is sent and answers `status`, slowly enough that requests overlap. */
async function recordingServer(
  status = 200,
): Promise<{ url: string; received: Received[]; peak: () => number }> {
  const received: Received[] = [];
  let inFlight = 0;
  let peak = 0;
  server = createServer((request: IncomingMessage, response) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () =>
      setTimeout(() => {
        received.push({ body: JSON.parse(text), authorization: request.headers.authorization });
        inFlight--;
        response.writeHead(status, { "content-type": "application/json" }).end('{"data":{}}');
      }, 2),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/graphql`,
    received,
    peak: () => peak,
  };
}

describe("a spare's warm-up", () => {
  it("sends every query of the manifests, never a mutation", () => {
    const names = warmUpRequestsOf(OPERATIONS, { code: "16.06", term: "x" }).map(
      (request) => JSON.parse(request.body).operationName,
    );
    expect(names).toEqual(["Directory", "Regency", "Search", "Defaulted"]);
  });

  it("fills required variables from the samples by name and leaves optional ones unset", () => {
    const [, regency] = warmUpRequestsOf(OPERATIONS, { code: "16.06", asOf: "2025-01-31", term: "x" });
    expect(JSON.parse(regency.body).variables).toEqual({ code: "16.06" });
  });

  it("leaves out a query whose required variable no sample names", () => {
    const names = warmUpRequestsOf(OPERATIONS, { code: "16.06" }).map(
      (request) => JSON.parse(request.body).operationName,
    );
    expect(names).not.toContain("Search");
  });

  it("sends each query anonymously and, given a token, signed in too", () => {
    const requests = warmUpRequestsOf(OPERATIONS.slice(0, 1), {}, "a.token.here");
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      undefined,
      "Bearer a.token.here",
    ]);
  });

  it("sends the headers it is given with every request, a token's too", () => {
    const requests = warmUpRequestsOf(OPERATIONS.slice(0, 1), {}, "t", { "x-forwarded-for": "127.0.0.1" });
    expect(requests.map((request) => request.headers["x-forwarded-for"])).toEqual(["127.0.0.1", "127.0.0.1"]);
  });

  it("sends the total asked for, cycling through the mix, several at a time", async () => {
    const { url, received, peak } = await recordingServer();
    const requests = warmUpRequestsOf(OPERATIONS.slice(0, 2), { code: "16.06" }, "t");
    const result = await sendWarmUp(url, requests, {
      total: 40,
      concurrency: 4,
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ sent: 40, failed: 0 });
    expect(received).toHaveLength(40);
    const counts = new Map<string, number>();
    for (const { body, authorization } of received) {
      const key = `${body.operationName} ${authorization ?? "anonymous"}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([10, 10, 10, 10]);
    expect(peak()).toBeGreaterThan(1);
    expect(peak()).toBeLessThanOrEqual(4);
  });

  it("counts answers other than 200 as failed, and goes on", async () => {
    const { url } = await recordingServer(429);
    const result = await persistedOperationsWarmUp(
      OPERATIONS,
      { code: "16.06" },
      { total: 12 },
    )({
      url,
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ sent: 12, failed: 12 });
  });

  it("stops when told to serve meanwhile", async () => {
    const { url, received } = await recordingServer();
    const controller = new AbortController();
    const warming = persistedOperationsWarmUp(
      OPERATIONS,
      { code: "16.06" },
      { total: 100_000 },
    )({
      url,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const result = await warming;
    expect(result.sent).toBeLessThan(100_000);
    expect(received.length).toBeLessThanOrEqual(result.sent);
  });
});

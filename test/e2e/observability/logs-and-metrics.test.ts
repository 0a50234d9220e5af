import { Writable } from "node:stream";
import { createLogger } from "@cakupan/observability";
import { describe, expect, it } from "vitest";
import { graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/** What an operator sees of a few queries: JSON log lines sharing a request id, and the gateway's /metrics. */
interface LogLine {
  service: string;
  level: number;
  msg: string;
  requestId?: string;
  operation?: string | null;
  durationMs?: number;
  cache?: string;
}

const lines: LogLine[] = [];
const collector = () =>
  new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });

const stack = useTestStack({
  responseCache: true,
  logger: (service) => createLogger(service, { destination: collector(), level: "info" }),
});

/** The value of a metric's sample with these labels (in any order), from Prometheus' text format. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

const QUERY = `query MusiBanyuasin { regency(code: "16.06") { name coverage(asOf: "2025-07-31") { rate } awards { rank } } }`;

describe("logs", () => {
  it("give a query's lines in the gateway and in each subgraph it asked one request id", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-uptime-1" },
      body: JSON.stringify({ query: QUERY, operationName: "MusiBanyuasin" }),
    });
    expect(response.headers.get("x-request-id")).toBe("req-uptime-1");
    await response.json();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ofRequest = lines.filter((line) => line.requestId === "req-uptime-1");
    expect(new Set(ofRequest.map((line) => line.service))).toEqual(
      new Set(["gateway", "regencies", "participants", "awards"]),
    );
    const gatewayLine = ofRequest.find((line) => line.service === "gateway")!;
    expect(gatewayLine).toMatchObject({
      msg: "POST /graphql 200",
      operation: "MusiBanyuasin",
      cache: "miss",
    });
    expect(gatewayLine.durationMs).toBeGreaterThan(0);
  });

  it("give a request without an id a new one, answered in x-request-id", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ regency(code: "16.10") { name } }' }),
    });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await response.json();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      lines
        .filter((line) => line.requestId === id)
        .map((line) => line.service)
        .sort(),
    ).toEqual(["gateway", "regencies"]);
  });
});

describe("the gateway's /metrics", () => {
  it("shows per-subgraph fetch latency histograms, operations, errors by code and response-cache outcomes", async () => {
    for (let i = 0; i < 3; i++) await graphql(stack.gateway.url, QUERY);
    await graphql(
      stack.gateway.url,
      `
        {
          regency(code: "16") {
            name
          }
        }
      `,
    );
    const text = await (await fetch(stack.gateway.url.replace("/graphql", "/metrics"))).text();
    for (const subgraph of ["regencies", "participants", "awards"]) {
      expect(
        sample(text, "cakupan_subgraph_fetch_duration_seconds_count", { subgraph, outcome: "ok" }),
        subgraph,
      ).toBeGreaterThan(0);
      expect(
        sample(text, "cakupan_subgraph_fetch_duration_seconds_bucket", {
          subgraph,
          outcome: "ok",
          le: "+Inf",
        }),
        subgraph,
      ).toBeGreaterThan(0);
      expect(sample(text, "cakupan_subgraph_circuit_state", { subgraph }), subgraph).toBe(0);
    }
    expect(sample(text, "cakupan_response_cache_total", { outcome: "hit" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "cakupan_response_cache_total", { outcome: "miss" })).toBeGreaterThan(0);
    expect(
      sample(text, "cakupan_graphql_request_duration_seconds_count", {
        service: "gateway",
        operation: "MusiBanyuasin",
      }),
    ).toBeGreaterThan(0);
    expect(sample(text, "cakupan_graphql_errors_total", { service: "gateway", code: "BAD_USER_INPUT" })).toBe(
      1,
    );
  });

  it("of a subgraph shows its SQL statements and its PostgreSQL pool", async () => {
    const text = await (
      await fetch(stack.subgraphs.participants.server.url.replace("/graphql", "/metrics"))
    ).text();
    expect(
      sample(text, "cakupan_db_pool_connections", { service: "participants", state: "total" }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, "cakupan_graphql_requests_total", { service: "participants", outcome: "ok" }),
    ).toBeGreaterThan(0);
  });
});

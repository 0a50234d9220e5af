import { startTelemetry } from "@cakupan/observability/telemetry";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, describe, expect, it } from "vitest";

/**
 * OpenTelemetry on (as OTEL_EXPORTER_OTLP_ENDPOINT turns it on), exporting to memory: one query through the
 * gateway is one trace, from the gateway's HTTP server span through its fetch to the participants subgraph
 * (traceparent over HTTP) down to the SQL statements that subgraph ran.
 */
const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry("cakupan-test", { spanProcessors: [new SimpleSpanProcessor(exporter)] })!;
// Loaded after the instrumentations are in place, as a service's main imports its tracing first.
const { useTestStack } = await import("../../support/servers");
const { data } = await import("../../support/graphql");

// Registered first, so it runs last: after the stack has stopped.
afterAll(() => telemetry.shutdown());
const stack = useTestStack();

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("a query traced", () => {
  it("is one trace spanning gateway -> subgraph -> SQL", async () => {
    await data(
      stack.gateway.url,
      `{ regency(code: "16.06") { name coverage(asOf: "2025-07-31") { rate } } }`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const spans = exporter.getFinishedSpans();
    const gatewayPort = String(new URL(stack.gateway.url).port);
    const participantsPort = String(stack.subgraphs.participants.server.port);
    const isServerOn = (port: string) => (span: ReadableSpan) =>
      span.kind === 1 &&
      String(span.attributes["server.port"] ?? span.attributes["net.host.port"] ?? "") === port;

    const root = spans.find(
      (span) => isServerOn(gatewayPort)(span) && span.attributes["http.route"] !== "/live/coverage",
    );
    expect(root, `no gateway server span among: ${spans.map((s) => s.name).join(", ")}`).toBeDefined();
    const trace = spans.filter((span) => span.spanContext().traceId === root!.spanContext().traceId);
    const byId = new Map(trace.map((span) => [span.spanContext().spanId, span]));
    const descendsFrom = (span: ReadableSpan, ancestor: ReadableSpan): boolean => {
      for (
        let current: ReadableSpan | undefined = span;
        current;
        current = byId.get(parentOf(current) ?? "")
      ) {
        if (current === ancestor) return true;
      }
      return false;
    };

    const subgraphServer = trace.find(isServerOn(participantsPort));
    expect(subgraphServer, "the participants subgraph's request is not in the gateway's trace").toBeDefined();
    expect(descendsFrom(subgraphServer!, root!)).toBe(true);
    const fetchSpan = trace.find(
      (span) => span.name === "gateway.fetch" && span.attributes.service === "participants",
    );
    expect(fetchSpan, "@apollo/gateway's fetch span for participants").toBeDefined();
    expect(descendsFrom(subgraphServer!, fetchSpan!)).toBe(true);
    const sql = trace.filter(
      (span) =>
        span.attributes["db.system"] === "postgresql" || span.attributes["db.system.name"] === "postgresql",
    );
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((span) => descendsFrom(span, subgraphServer!))).toBe(true);
    console.log(
      `one trace: ${trace.length} spans, ${sql.length} SQL; ${[...new Set(trace.map((s) => s.name))].slice(0, 12).join(" | ")}`,
    );
  });
});

import type { tracing } from "@opentelemetry/sdk-node";

/**
 * OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set: then every
 * incoming and outgoing HTTP request (node:http: the gateway's subgraph fetches; undici: fetch()) and every PostgreSQL
 * statement (pg) becomes a span, @apollo/gateway adds its own (plan, execute, fetch per subgraph), and the
 * trace context travels in traceparent headers, so one query is one trace across the gateway and its
 * subgraphs. The exporter and protocol follow the standard OTEL_* variables (OTLP over HTTP/protobuf).
 *
 * Import this module first in a service's main, before anything loads http, undici or pg: the
 * instrumentations patch those modules as they are required.
 */
export interface Telemetry {
  shutdown(): Promise<void>;
}

const PROBES = /^\/(health|ready|metrics|version)\b/;

export function startTelemetry(
  serviceName: string,
  options: { spanProcessors?: tracing.SpanProcessor[] } = {},
): Telemetry | undefined {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!endpoint && !options.spanProcessors) return undefined;
  // Loaded only when on: the SDK costs start-up time a service without tracing need not pay.
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { HttpInstrumentation } =
    require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { UndiciInstrumentation } =
    require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
  const { PgInstrumentation } =
    require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || serviceName,
    spanProcessors: options.spanProcessors,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => PROBES.test(request.url ?? "") }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

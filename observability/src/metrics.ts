import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Express } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets from a cached answer (a few ms) to the 30 s request limit. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Operation names come from clients: past this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;

export interface ServiceMetrics {
  registry: Registry;
  requests: Counter<"operation" | "outcome">;
  duration: Histogram<"operation">;
  errors: Counter<"code">;
  /** A bounded label for a client's operation name. */
  operationLabel(name: string | null | undefined): string;
  /** GET /metrics in Prometheus' text format. */
  route(app: Express): void;
}

/**
 * The metrics every service exposes (prom-client): the process's own (CPU, memory, event loop lag, GC),
 * GraphQL requests and their latency per operation, errors by code. Services add theirs to `registry`.
 */
export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: "cakupan_" });
  const names = new Set<string>();
  return {
    registry,
    requests: new Counter({
      name: "cakupan_graphql_requests_total",
      help: "GraphQL operations answered, by operation name and outcome (ok, error: at least one error)",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
    duration: new Histogram({
      name: "cakupan_graphql_request_duration_seconds",
      help: "Time from receiving a GraphQL operation to its answer, by operation name",
      labelNames: ["operation"],
      buckets: SECONDS,
      registers: [registry],
    }),
    errors: new Counter({
      name: "cakupan_graphql_errors_total",
      help: "GraphQL errors answered, by extensions.code",
      labelNames: ["code"],
      registers: [registry],
    }),
    operationLabel: (name) => {
      const label = name || "anonymous";
      if (names.has(label)) return label;
      if (names.size >= MAX_OPERATION_NAMES) return "other";
      names.add(label);
      return label;
    },
    route: (app) => {
      app.get("/metrics", async (_request, response) => {
        response.type(registry.contentType).send(await registry.metrics());
      });
    },
  };
}

export const LATENCY_BUCKETS = SECONDS;

/** A gauge read when Prometheus scrapes (pool sizes, circuit states). */
export function gaugeOf<Label extends string>(
  metrics: ServiceMetrics,
  name: string,
  help: string,
  labelNames: Label[],
  read: (set: (labels: Partial<Record<Label, string>>, value: number) => void) => void,
): Gauge<Label> {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [metrics.registry],
    collect() {
      this.reset();
      read((labels, value) => this.set(labels, value));
    },
  });
}

/**
 * Apollo Server plugin: counts each operation, times it, counts its errors by code, and hands the operation
 * name and outcome to `annotate` (the request's log line).
 */
export function graphqlMetricsPlugin<Context extends BaseContext>(
  metrics: ServiceMetrics,
  annotate: (context: Context, fields: Record<string, unknown>) => void = () => {},
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response, contextValue, errors }) {
          const operation = metrics.operationLabel(operationName);
          const answered = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const all = answered.length ? answered : (errors ?? []);
          for (const error of all)
            metrics.errors.inc({ code: String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR") });
          const outcome = all.length ? "error" : "ok";
          metrics.requests.inc({ operation, outcome });
          metrics.duration.observe({ operation }, (performance.now() - started) / 1000);
          annotate(contextValue, {
            operation: operationName ?? null,
            outcome,
            errorCodes: all.length ? [...new Set(all.map((e) => e.extensions?.code))] : undefined,
          });
        },
      };
    },
  };
}

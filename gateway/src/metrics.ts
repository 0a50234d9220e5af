import {
  createMetrics,
  gaugeOf,
  graphqlMetricsPlugin,
  LATENCY_BUCKETS,
  type Logger,
  type ServiceMetrics,
} from "@cakupan/observability";
import { Counter, Histogram } from "prom-client";
import type { FetchStats, GatewayContext, GatewayEvents } from "./gateway";
import type { LiveEvents } from "./live";
import type { ResponseCacheStats } from "./response-cache";

const CIRCUIT_STATES = { closed: 0, "half-open": 1, open: 2 } as const;

/**
 * What operators see of the gateway: GET /metrics (prom-client) with operations, subgraph fetches by
 * subgraph and outcome, errors by code, response-cache outcomes, in-flight merges and circuit states;
 * and log lines for what changes a subgraph's standing (outages, retries, circuits, the live stream).
 */
export function observeGateway(log: Logger) {
  const metrics: ServiceMetrics = createMetrics("gateway");
  const fetchDuration = new Histogram({
    name: "cakupan_subgraph_fetch_duration_seconds",
    help: "One HTTP exchange with a subgraph (merged and batched fetches count once), by subgraph and outcome",
    labelNames: ["subgraph", "outcome"],
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  const retries = new Counter({
    name: "cakupan_subgraph_retries_total",
    help: "Queries sent again after their connection to the subgraph failed",
    labelNames: ["subgraph"],
    registers: [metrics.registry],
  });
  const outages = new Counter({
    name: "cakupan_subgraph_unavailable_total",
    help: "Subgraph fetches answered partially because the subgraph was unavailable, by reason",
    labelNames: ["subgraph", "reason"],
    registers: [metrics.registry],
  });

  const events: GatewayEvents & LiveEvents = {
    onFetch: (subgraph, seconds, outcome) => fetchDuration.observe({ subgraph, outcome }, seconds),
    onRetry: (subgraph, error) => {
      retries.inc({ subgraph });
      log.warn({ subgraph, err: error }, `retrying a query to ${subgraph} after a connection error`);
    },
    onCircuitState: (subgraph, state) => {
      const message = {
        open: `circuit to ${subgraph} opened: failing fast until a probe succeeds`,
        "half-open": `circuit to ${subgraph} half-open: probing`,
        closed: `circuit to ${subgraph} closed: ${subgraph} answers again`,
      }[state];
      (state === "closed" ? log.info : log.warn).call(log, { subgraph, circuit: state }, message);
    },
    onOutage: (error, context) => {
      outages.inc({ subgraph: error.serviceName, reason: error.reason });
      log.warn(
        { subgraph: error.serviceName, reason: error.reason, requestId: context.requestId, err: error.cause },
        error.message,
      );
    },
    onUpstream: (state, detail) =>
      (state === "connected" ? log.info : log.warn).call(
        log,
        { detail },
        `live coverage stream from participants ${state}`,
      ),
  };

  /** Counters kept by the components themselves, read when scraped. */
  const watch = (sources: {
    circuits: Record<string, () => keyof typeof CIRCUIT_STATES>;
    cache: ResponseCacheStats | null;
    fetches: FetchStats;
  }) => {
    gaugeOf(
      metrics,
      "cakupan_subgraph_circuit_state",
      "Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open",
      ["subgraph"],
      (set) => {
        for (const [subgraph, state] of Object.entries(sources.circuits))
          set({ subgraph }, CIRCUIT_STATES[state()]);
      },
    );
    const cache = sources.cache;
    new Counter({
      name: "cakupan_response_cache_total",
      help: "Anonymous queries by response-cache outcome: hit, miss (computed), joined (waited for an identical one), bypassed",
      labelNames: ["outcome"],
      registers: [metrics.registry],
      collect() {
        this.reset();
        if (!cache) return;
        this.inc({ outcome: "hit" }, cache.hits);
        this.inc({ outcome: "miss" }, cache.misses);
        this.inc({ outcome: "joined" }, cache.joined);
        this.inc({ outcome: "bypassed" }, cache.bypassed);
      },
    });
    const fetches = sources.fetches;
    new Counter({
      name: "cakupan_subgraph_requests_total",
      help: "Subgraph requests: sent, merged into an identical one in flight, entity fetches planned and batched requests",
      labelNames: ["kind"],
      registers: [metrics.registry],
      collect() {
        this.reset();
        this.inc({ kind: "sent" }, fetches.sent);
        this.inc({ kind: "merged" }, fetches.merged);
        this.inc({ kind: "entity_fetches_planned" }, fetches.entities.requested);
        this.inc({ kind: "entity_requests_sent" }, fetches.entities.sent);
      },
    });
  };

  const plugin = graphqlMetricsPlugin<GatewayContext>(metrics, (context, fields) =>
    context.annotate?.(fields),
  );
  return { metrics, events, plugin, watch };
}

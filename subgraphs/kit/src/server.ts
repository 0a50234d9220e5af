import { createServer } from "node:http";
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { listen, nulFreeStringsRule, type RunningServer, SERVICE_ROUTES } from "@cakupan/core";
import {
  annotateRequest,
  createLogger,
  createMetrics,
  gaugeOf,
  graphqlMetricsPlugin,
  httpLogging,
  type Logger,
} from "@cakupan/observability";
import express from "express";
import { Counter } from "prom-client";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { RequestContext } from "./context";
import { announceWrites, dataVersionRoutes } from "./data-version";
import { maskUnexpectedErrors } from "./error-masking";
import { forwardedIdentities } from "./forwarded-identity";
import { databaseOutages } from "./outage";
import { readReplicaRouting } from "./read-replica";

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** The same tables through a streaming replica (DATABASE_READ_URL): queries read there when it is current. */
  readDataSource?: DataSource;
  port?: number;
  host?: string;
  plugins?: ApolloServerPlugin<BaseContext>[];
  /** Verifies the identity the gateway forwards; without it every request is anonymous. */
  identitySecret?: string;
  /** Extra HTTP routes of the service (event streams, exports); what they return is closed on stop. */
  routes?: HttpRoutes;
  /** Where its log lines go (default: a pino logger named after the service, on stdout). */
  logger?: Logger;
  /** SQL statements sent so far, for GET /metrics. */
  sqlStatements?: () => number;
}

export type HttpRoutes = (
  app: express.Express,
  dataSource: DataSource,
  log: Logger,
) => Promise<{ close(): Promise<void> } | void>;

/**
 * One subgraph over HTTP: POST /graphql, GET /health (the process is up), GET /ready (its database
 * answers). stop() finishes in-flight requests, then closes the database pool.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  // Idle connections outlive the gateway's (30 s): a gateway busy planning a large operation for seconds
  // cannot close its idle sockets meanwhile, and would otherwise send on one this server had just closed
  // (ECONNRESET for every field of that fetch).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const log = options.logger ?? createLogger(options.name);
  const identityOf = forwardedIdentities(options.identitySecret);
  const metrics = createMetrics(options.name);
  subgraphMetrics(metrics, options);
  const versions = dataVersionRoutes(app, options.dataSource, log);
  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: databaseOutages(options.name, maskUnexpectedErrors(options.name)),
    validationRules: [nulFreeStringsRule],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No field carries a cache hint (the gateway's response cache follows data versions instead), and the
      // plugin's per-field hook costs about a tenth of a large answer's execution.
      ApolloServerPluginCacheControlDisabled(),
      graphqlMetricsPlugin<RequestContext>(metrics, (context, fields) => context.annotate?.(fields)),
      announceWrites(versions),
      ...(options.readDataSource
        ? [readReplicaRouting(options.dataSource, options.readDataSource, log)]
        : []),
      ...((options.plugins ?? []) as ApolloServerPlugin<RequestContext>[]),
    ],
  });
  await apollo.start();

  // Probes, scrapes and version reads come every few seconds and would drown the request lines: not logged.
  app.use(httpLogging(log, { ignore: (url) => /^\/(health|ready|metrics|version)\b/.test(url) }));
  metrics.route(app);
  app.get(SERVICE_ROUTES.health, (_request, response) => {
    response.json({ status: "ok", service: options.name });
  });
  app.get(SERVICE_ROUTES.ready, async (_request, response) => {
    try {
      await options.dataSource.query("SELECT 1");
      response.json({ status: "ready", service: options.name });
    } catch (error) {
      response
        .status(503)
        .json({ status: "unavailable", service: options.name, reason: (error as Error).message });
    }
  });
  const extra = options.routes ? await options.routes(app, options.dataSource, log) : undefined;
  app.use(
    SERVICE_ROUTES.graphql,
    // One entity fetch carries every representation of a plan step: the national table's is 0.9 MB with three
    // years of workforce estimates, and grows with each year recorded.
    express.json({ limit: "16mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        Object.assign(new RequestContext(options.dataSource, await identityOf(req.headers)), {
          requestId: String(req.id),
          log: req.log,
          annotate: (fields: Record<string, unknown>) => annotateRequest(res, fields),
        }),
    }),
  );

  const port = await listen(httpServer, options.port ?? 0, options.host ?? "127.0.0.1");
  const url = `http://${options.host ?? "127.0.0.1"}:${port}${SERVICE_ROUTES.graphql}`;
  let stopping: Promise<void> | undefined;
  return {
    name: options.name,
    url,
    port,
    stop: () => {
      stopping ??= (async () => {
        await Promise.all([extra?.close(), versions.close()]);
        await apollo.stop();
        if (options.dataSource.isInitialized) await options.dataSource.destroy();
        if (options.readDataSource?.isInitialized) await options.readDataSource.destroy();
      })();
      return stopping;
    },
  };
}

/** Pool use and SQL statements of the service, read when scraped. */
function subgraphMetrics(metrics: ReturnType<typeof createMetrics>, options: SubgraphServerOptions): void {
  gaugeOf(
    metrics,
    "cakupan_db_pool_connections",
    "PostgreSQL pool connections by state (total, idle, waiting clients)",
    ["state"],
    (set) => {
      const pool = (
        options.dataSource.driver as unknown as {
          master?: { totalCount: number; idleCount: number; waitingCount: number };
        }
      ).master;
      if (!pool) return;
      set({ state: "total" }, pool.totalCount);
      set({ state: "idle" }, pool.idleCount);
      set({ state: "waiting" }, pool.waitingCount);
    },
  );
  const statements = options.sqlStatements;
  if (statements) {
    new Counter({
      name: "cakupan_sql_statements_total",
      help: "SQL statements sent to PostgreSQL since the service started",
      registers: [metrics.registry],
      collect() {
        this.reset();
        this.inc(statements());
      },
    });
  }
}

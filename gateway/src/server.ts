import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { join } from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { listen, type RunningServer, SERVICE_ROUTES, serviceUrl } from "@cakupan/core";
import { annotateRequest, createLogger, httpLogging, type Logger } from "@cakupan/observability";
import express from "express";
import { addinRoutes, DEFAULT_ADDIN_DIR } from "./addin";
import { exportRoutes } from "./export";
import { corsPolicy } from "./cors";
import { DEFAULT_DASHBOARD_DIR, dashboardRoutes } from "./dashboard";
import {
  MANIFEST_FILE,
  persistedOperations,
  readManifests,
  type TrustedDocumentsMode,
} from "./persisted-operations";
import { type PlanStats, warmQueryPlans } from "./apollo-internals";
import { spareWarmUp } from "./spare-warm-up";
import { type AuthConfig, createAuthenticator } from "./auth";
import { clientErrorHandler, formatErrorForClients, notFound } from "./client-errors";
import { boundVariables, withEdgeScalars } from "./edge-validation";
import { createGateway, type FetchStats, type GatewayContext, type GatewayOptions } from "./gateway";
import { graphqlHandler, withDirectEndpoint } from "./graphql-endpoint";
import { graphqlOverHttpPlugin } from "./graphql-over-http";
import { jsonBody } from "./json-body";
import { introspectionOffPlugin, introspectionOffRule } from "./introspection";
import { ideRoutes, type LandingPage, landingPageFromEnv, landingPagePlugin } from "./landing-page";
import {
  armor,
  DEFAULT_LIMITS,
  parseOptions,
  type QueryLimits,
  refuseBatches,
  requestTimeout,
} from "./limits";
import { liveCoverageRoutes } from "./live";
import { observeGateway } from "./metrics";
import { publicSchema } from "./public-schema";
import { rateLimit, type RateLimitOptions } from "./rate-limit";
import { readYourWrites } from "./read-after";
import type { CacheStore } from "./cache-store";
import { responseCache, type ResponseCacheStats } from "./response-cache";

export interface GatewayServerOptions extends GatewayOptions {
  port?: number;
  host?: string;
  /** PEM certificate and key: serve HTTPS, which Office requires of add-ins outside localhost tests. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Where the add-in's manifest.xml and dist/ are. */
  addinDir?: string;
  auth?: AuthConfig;
  limits?: QueryLimits;
  introspection?: boolean;
  /** What a browser opening /graphql is shown; by default the bundled IDE, and nothing in production. */
  landingPage?: LandingPage;
  /** Keep answers while no subgraph's data changes (on by default; who shares one: response-cache.ts). */
  responseCache?: boolean;
  /** Where the response cache keeps answers: this process (default) or a store shared by every replica. */
  cacheStore?: CacheStore;
  /** Where its log lines go (default: pino on stdout). */
  logger?: Logger;
  /** Requests per client and window (off unless given: main.ts reads RATE_LIMIT_*). */
  rateLimit?: RateLimitOptions | null;
  /** Express's "trust proxy": which X-Forwarded-For hops name the client (TRUST_PROXY); none by default. */
  trustProxy?: boolean | number | string;
  /** Where the dashboard's dist/ is. */
  dashboardDir?: string;
  /** Origins whose pages may call the gateway from a browser (CORS); "*" for any. Default none. */
  corsOrigins?: string[];
  /** Which operations are run: any (allow), only registered ones from anonymous callers, or only registered. */
  trustedDocuments?: TrustedDocumentsMode;
}

export interface RunningGateway extends RunningServer {
  /** Subgraph name -> the URL the gateway sends its fetches to. */
  subgraphUrls: Record<string, string>;
  /** Subgraph requests sent, merged while in flight, and entity fetches batched. */
  fetches: FetchStats;
  /** Answers served from the response cache, computed, or not cacheable. */
  cache: ResponseCacheStats | null;
  /** Subgraph name -> its data version as its feed last pushed it (undefined: asked per request; see response-cache.ts). */
  pushedVersions: () => Record<string, string | undefined>;
  /** Subgraph name -> the state of its circuit breaker. */
  circuits: Record<string, () => "closed" | "open" | "half-open">;
  /** The persisted operations planned at start, and the plans built on a request since. */
  plans: PlanStats;
}

async function subgraphReadiness(urls: Record<string, string>) {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const readyUrl = serviceUrl(url, SERVICE_ROUTES.ready);
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
        return [
          name,
          response.ok ? "ready" : `not ready (HTTP ${response.status} from ${readyUrl})`,
        ] as const;
      } catch (error) {
        return [name, `unreachable at ${readyUrl}: ${(error as Error).message}`] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The one endpoint clients use: POST /graphql (GET in a browser: the IDE, see landing-page.ts); also
 * GET /schema.graphql (the public schema), GET /health (the process is up), GET /ready (every subgraph
 * answers its own /ready).
 */
export async function startGatewayServer(options: GatewayServerOptions = {}): Promise<RunningGateway> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const log = options.logger ?? createLogger("gateway");
  const observed = observeGateway(log);
  const {
    gateway,
    supergraphSdl,
    routes: subgraphUrls,
    fetches,
    circuits,
  } = createGateway({ ...options, subgraphTimeoutMs: limits.timeoutMs, events: observed.events });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  const logging = httpLogging(log, {
    ignore: (url) => /^\/(health|ready|metrics|addin|dashboard)\b/.test(url),
  });
  app.use(logging);
  observed.metrics.route(app);
  // Its request listener is set once every route is (withDirectEndpoint below).
  const httpServer = options.tls ? createTlsServer(options.tls) : createServer();
  const protection = armor(limits);
  const introspection = options.introspection ?? process.env.NODE_ENV !== "production";
  const landingPage = options.landingPage ?? landingPageFromEnv({ NODE_ENV: process.env.NODE_ENV });
  const schemaFile = publicSchema({ published: introspection });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withEdgeScalars(gateway),
    // Off is enforced by introspectionOffRule, which still answers __type (null) as clients expect.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: parseOptions(limits),
    validationRules: [...protection.validationRules, ...(introspection ? [] : [introspectionOffRule])],
    formatError: formatErrorForClients({ suggestions: introspection }),
    // HTTP caching of GET answers is decided in persisted-operations.ts (revalidate by ETag), not by hints: the
    // cache-control plugin would only compute, on every request, a policy nothing reads.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      observed.plugin,
      landingPagePlugin(landingPage),
      schemaFile.plugin,
      graphqlOverHttpPlugin(),
      ...(introspection ? [] : [introspectionOffPlugin<GatewayContext>()]),
      ...(protection.plugins as ApolloServerPlugin<GatewayContext>[]),
    ],
  });
  const authenticate = createAuthenticator(options.auth ?? {});
  await apollo.start();
  const cors = corsPolicy(options.corsOrigins ?? []);
  app.use(cors);
  const dashboardDir = options.dashboardDir ?? DEFAULT_DASHBOARD_DIR;
  const persisted = persistedOperations(
    readManifests(
      [options.addinDir ?? DEFAULT_ADDIN_DIR, dashboardDir].map((dir) => join(dir, "dist", MANIFEST_FILE)),
    ),
    options.trustedDocuments ?? "allow",
  );
  // No first caller of our own clients' operations pays for planning them.
  const plans = await warmQueryPlans(gateway, persisted.manifest.operations);
  for (const { name, reason } of plans.failed)
    log.warn({ operation: name, reason }, "a persisted operation could not be planned at start");
  app.get(
    "/graphql/persisted-operations.json",
    (_request, response) => void response.json(persisted.manifest),
  );

  app.get(SERVICE_ROUTES.health, (_request, response) => {
    response.json({ status: "ok", service: "gateway" });
  });
  app.get(SERVICE_ROUTES.ready, async (_request, response) => {
    const subgraphs = await subgraphReadiness(subgraphUrls);
    const ready = Object.values(subgraphs).every((status) => status === "ready");
    response.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", subgraphs });
  });
  schemaFile.routes(app);
  ideRoutes(app, landingPage);
  const cache =
    options.responseCache === false
      ? null
      : responseCache(subgraphUrls, { store: options.cacheStore, supergraphSdl, authenticate, log });
  const limited = options.rateLimit ? rateLimit(options.rateLimit, authenticate) : null;
  if (limited) app.use(["/graphql", "/export"], limited);
  const graphql = [
    requestTimeout(limits.timeoutMs),
    jsonBody(limits.maxBodyBytes),
    refuseBatches,
    boundVariables,
    persisted.middleware,
    ...(cache ? [cache.middleware] : []),
    graphqlHandler(apollo, async ({ req, res }) => ({
      identity: await authenticate(req),
      requestId: String(req.id),
      annotate: (fields: Record<string, unknown>) => annotateRequest(res, fields),
      ...readYourWrites(req, res),
    })),
  ];
  app.use(SERVICE_ROUTES.graphql, ...graphql);
  exportRoutes(app, apollo, authenticate);
  addinRoutes(app, options.addinDir);
  dashboardRoutes(app, dashboardDir);
  const live = liveCoverageRoutes(app, subgraphUrls.participants, {
    ...observed.events,
    beforeTelling: () => cache?.changeToldOf(),
  });
  observed.watch({ circuits, cache: cache?.stats ?? null, fetches });
  const onError = clientErrorHandler(limits);
  app.use(notFound, onError);
  // POST and GET /graphql run the handlers above without Express's router (graphql-endpoint.ts): no route
  // registered between them matches that path.
  httpServer.on(
    "request",
    withDirectEndpoint(app, {
      path: SERVICE_ROUTES.graphql,
      before: [logging, cors],
      mounted: [...(limited ? [limited] : []), ...graphql],
      notFound,
      onError,
    }),
  );

  const host = options.host ?? "127.0.0.1";
  const port = await listen(httpServer, options.port ?? 0, host, {
    // A spare (launcher's supervisor) serves our clients' queries to itself before it stands by; over plain HTTP only.
    warmUp: options.tls ? undefined : spareWarmUp(persisted.manifest.operations),
  });
  let stopping: Promise<void> | undefined;
  return {
    name: "gateway",
    url: `${options.tls ? "https" : "http"}://${host === "0.0.0.0" ? "localhost" : host}:${port}${SERVICE_ROUTES.graphql}`,
    port,
    subgraphUrls,
    fetches,
    cache: cache?.stats ?? null,
    pushedVersions: () => cache?.pushedVersions() ?? {},
    circuits,
    plans,
    stop: () => {
      live.close();
      cache?.close();
      return (stopping ??= apollo
        .stop()
        .finally(() => Promise.all([options.cacheStore?.close?.(), options.rateLimit?.close?.()])));
    },
  };
}

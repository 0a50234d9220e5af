import "./tracing";
import { readFileSync } from "node:fs";
import { envPort, envPositive, envString, stopOnSignals } from "@cakupan/core";
import { authConfigFromEnv } from "./auth";
import { redisCacheStore } from "./cache-store";
import { corsOriginsFromEnv } from "./cors";
import { trustedDocumentsFromEnv } from "./persisted-operations";
import { DEFAULT_SUPERGRAPH_PATH, subgraphTimeoutOverrides, subgraphUrlOverrides } from "./gateway";
import { landingPageFromEnv } from "./landing-page";
import { limitsFromEnv } from "./limits";
import { rateLimitFromEnv, type RateLimitOptions, sharedRateLimiter } from "./rate-limit";
import { startGatewayServer } from "./server";
import { createLogger } from "@cakupan/observability";

const log = createLogger("gateway");

startGatewayServer({
  port: envPort("PORT", 4000),
  host: envString("HOST", "127.0.0.1"),
  supergraphPath: envString("SUPERGRAPH_PATH", DEFAULT_SUPERGRAPH_PATH),
  subgraphUrls: subgraphUrlOverrides(),
  subgraphTimeoutsMs: subgraphTimeoutOverrides(),
  breaker: {
    breakerFailures: envPositive("SUBGRAPH_BREAKER_FAILURES"),
    halfOpenAfterMs: envPositive("SUBGRAPH_BREAKER_HALF_OPEN_MS"),
  },
  auth: authConfigFromEnv(),
  internalSecret: process.env.INTERNAL_TOKEN_SECRET || undefined,
  limits: limitsFromEnv(),
  introspection: process.env.GRAPHQL_INTROSPECTION ? process.env.GRAPHQL_INTROSPECTION === "true" : undefined,
  landingPage: landingPageFromEnv(),
  responseCache: process.env.RESPONSE_CACHE !== "false",
  // Shared by every gateway replica when set; each process keeps its own otherwise.
  cacheStore: process.env.REDIS_URL
    ? redisCacheStore({
        url: process.env.REDIS_URL,
        ttlSeconds: envPositive("RESPONSE_CACHE_TTL_SECONDS"),
        keyPrefix: process.env.REDIS_KEY_PREFIX || undefined,
        onStateChange: (state, error) =>
          state === "failing"
            ? log.warn({ err: error }, "response cache: Redis unavailable; answering without the cache")
            : log.info("response cache: Redis answers again"),
      })
    : undefined,
  logger: log,
  rateLimit: sharedWhenRedis(rateLimitFromEnv()),
  trustProxy: trustProxyFromEnv(process.env.TRUST_PROXY),
  corsOrigins: corsOriginsFromEnv(),
  trustedDocuments: trustedDocumentsFromEnv(),
  // Office loads add-ins over HTTPS only: give the gateway a certificate (npx office-addin-dev-certs install makes one for localhost).
  tls:
    process.env.TLS_CERT_FILE && process.env.TLS_KEY_FILE
      ? { cert: readFileSync(process.env.TLS_CERT_FILE), key: readFileSync(process.env.TLS_KEY_FILE) }
      : undefined,
}).then(
  (server) => {
    log.info({ url: server.url }, `gateway ready at ${server.url}`);
    stopOnSignals(server.stop, (message) => log.info(message));
  },
  (error: Error) => {
    log.fatal({ err: error }, `gateway did not start: ${error.message}`);
    process.exit(1);
  },
);

/** With REDIS_URL, every gateway replica counts against the same allowance. */
function sharedWhenRedis(options: RateLimitOptions | null): RateLimitOptions | null {
  if (!options || !process.env.REDIS_URL) return options;
  return { ...options, ...sharedRateLimiter(options, process.env.REDIS_URL) };
}

/** TRUST_PROXY: "true", a number of proxy hops, or addresses/subnets ("loopback, 10.0.0.0/8"), as Express reads them. */
function trustProxyFromEnv(raw: string | undefined): boolean | number | string {
  if (!raw || raw === "false") return false;
  if (raw === "true") return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

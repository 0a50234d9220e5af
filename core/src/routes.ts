/**
 * The HTTP routes of the services, named once for the side that serves them and the side that calls them.
 * Every subgraph serves SERVICE_ROUTES; the gateway serves GraphQL, health and readiness the same way, and
 * GATEWAY_ROUTES besides.
 */
export const SERVICE_ROUTES = {
  graphql: "/graphql",
  /** The process is up. */
  health: "/health",
  /** The service can answer: its database (a subgraph) or every subgraph (the gateway). */
  ready: "/ready",
  /** A subgraph's data version, which every write bumps. */
  version: "/version",
  /** The same, pushed on every change (Server-Sent Events). */
  versionStream: "/version/stream",
  /** Prometheus text. */
  metrics: "/metrics",
  /** The participants subgraph's Server-Sent Events of coverage changes. */
  events: "/events",
} as const;

export const GATEWAY_ROUTES = {
  /** One Server-Sent Events stream of coverage changes for every client. */
  liveCoverage: "/live/coverage",
  /** The Excel add-in's files and manifest. */
  addin: "/addin",
  /** The dashboard's page and assets. */
  dashboard: "/dashboard",
  /** The public API schema as SDL, for codegen and IDEs. */
  publicSchema: "/schema.graphql",
  coverageCsv: "/export/coverage.csv",
  coverageJson: "/export/coverage.json",
} as const;

/**
 * Another route of the service whose GraphQL endpoint is `graphqlUrl`, under the same path prefix:
 * ("http://127.0.0.1:4002/graphql", "/ready") -> "http://127.0.0.1:4002/ready".
 */
export function serviceUrl(graphqlUrl: string, route: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, "").replace(/\/$/, "") + route;
  url.search = "";
  url.hash = "";
  return url.toString();
}

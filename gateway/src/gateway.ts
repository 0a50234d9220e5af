import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";

export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, "..", "..", "schema", "supergraph.graphql");

/** SUBGRAPH_REGENCIES_URL=http://... overrides the routing URL the supergraph was composed with. */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) overrides[match[1].toLowerCase()] = value;
  }
  return overrides;
}

export interface GatewayOptions {
  supergraphPath?: string;
  /** By subgraph name ("regencies"). */
  subgraphUrls?: Record<string, string>;
}

/** @apollo/gateway over the committed static supergraph: no schema polling, no uplink, no telemetry. */
export function createGateway(options: GatewayOptions = {}): { gateway: ApolloGateway; routes: Record<string, string> } {
  // The gateway reports anonymous usage unless told not to; an explicit setting is respected.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const supergraphSdl = readFileSync(options.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH, "utf8");
  const overrides = options.subgraphUrls ?? {};
  /** Filled as the gateway loads: subgraph name -> the URL its fetches go to. */
  const routes: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      routes[name] = overrides[name] ?? url!;
      return new RemoteGraphQLDataSource({ url: routes[name] });
    },
  });
  return { gateway, routes };
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ROUTER_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from "@apollo/federation-internals";
import { ANONYMOUS, IDENTITY_HEADER, type Identity, signIdentity } from "@cakupan/kit";

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
  /** Signs the identity forwarded to subgraphs; without it subgraphs see every request as anonymous. */
  internalSecret?: string;
  /** Each subgraph fetch is abandoned after this long. */
  subgraphTimeoutMs?: number;
}

export interface GatewayContext {
  identity: Identity;
}

/** Forwards the caller's verified identity as a short-lived token the subgraph verifies. */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs: number,
  ) {
    super({ url });
    const forward = this.fetcher;
    this.fetcher = (input, init) => forward(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) } as never);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const identity = (context as Partial<GatewayContext>).identity ?? ANONYMOUS;
    if (this.secret && identity.role !== "anonymous") request.http?.headers.set(IDENTITY_HEADER, await signIdentity(identity, this.secret));
  }
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
      return new IdentityForwardingDataSource(routes[name], options.internalSecret, options.subgraphTimeoutMs ?? 30_000);
    },
  });
  acceptDocumentedSecurityDirectives(gateway);
  return { gateway, routes };
}

/**
 * The supergraph declares who may do what with federation's @authenticated and @requiresScopes, for readers
 * and for routers that enforce them. @apollo/gateway refuses to load a supergraph linking SECURITY features
 * it does not enforce itself. Here enforcement is in every subgraph (type-graphql @Authorized on the same
 * fields, proven by test/e2e/security), so the gateway is let load the documented supergraph: this mirrors
 * its own (private) createSchemaFromSupergraphSdl of 2.14, with the router's list of supported features.
 */
function acceptDocumentedSecurityDirectives(gateway: ApolloGateway): void {
  const internals = gateway as unknown as {
    config: { validateSupergraph?: boolean };
    createServices(metadata: unknown): void;
    createSchemaFromSupergraphSdl(sdl: string): { supergraph: Supergraph; supergraphSdl: string };
  };
  internals.createSchemaFromSupergraphSdl = (sdl: string) => {
    const supergraph = Supergraph.build(sdl, {
      supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES,
      validateSupergraph: internals.config.validateSupergraph ?? process.env.NODE_ENV !== "production",
    });
    internals.createServices(supergraph.subgraphsMetadata());
    return { supergraph, supergraphSdl: sdl };
  };
}

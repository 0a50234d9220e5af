import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from "@apollo/gateway";
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  type Identity,
  READ_AFTER_HEADER,
  type ReadAfter,
  signIdentity,
  WROTE_AT_HEADER,
} from "@cakupan/core";
import {
  acceptDocumentedSecurityDirectives,
  assertApolloInternals,
  plainObjectExecution,
  replaceSendRequest,
  reuseExecutedOperations,
  subgraphRequestBody,
} from "./apollo-internals";
import { batchEntityFetches, type EntityBatchStats } from "./entity-batching";
import { operationKind } from "./operation-kind";
import { keepNamesOneByte } from "./one-byte-names";
import { answerOutagesPartially } from "./partial-answers";
import {
  type InFlightStats,
  mergeInFlight,
  type Send,
  type SubgraphAnswer,
  httpSend,
} from "./subgraph-client";
import {
  type SubgraphUnavailable,
  upstream,
  type Upstream,
  type UpstreamEvents,
  UpstreamHttpError,
  type UpstreamOptions,
} from "./upstream";

export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, "..", "..", "schema", "supergraph.graphql");

/** SUBGRAPH_AWARDS_TIMEOUT_MS=5000: that subgraph's fetches are abandoned after this long. */
export function subgraphTimeoutOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  const timeouts: Record<string, number> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/.exec(key);
    if (!match || !value) continue;
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms <= 0)
      throw new Error(`${key}=${value} is not a positive whole number of milliseconds.`);
    timeouts[match[1].toLowerCase()] = ms;
  }
  return timeouts;
}

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
  /** Each subgraph fetch is abandoned after this long, unless `subgraphTimeoutsMs` names the subgraph. */
  subgraphTimeoutMs?: number;
  /** By subgraph name: a timeout of its own. */
  subgraphTimeoutsMs?: Record<string, number>;
  /** The circuit of each subgraph: consecutive failures that open it, and when it lets a probe through. */
  breaker?: Pick<UpstreamOptions, "breakerFailures" | "halfOpenAfterMs">;
  events?: GatewayEvents;
}

/** What operators see of the gateway's subgraph fetches (logs, metrics). */
export interface GatewayEvents extends UpstreamEvents {
  /** One HTTP exchange with a subgraph (merged and batched fetches count once). */
  onFetch?(serviceName: string, seconds: number, outcome: "ok" | "error" | "unavailable"): void;
  onOutage?(error: SubgraphUnavailable, context: Partial<GatewayContext>): void;
}

export interface GatewayContext {
  identity: Identity;
  /** Sent to subgraphs as x-request-id, so one request's log lines can be followed across services. */
  requestId?: string;
  /** Adds fields (operation name, outcome) to the request's log line. */
  annotate?: (fields: Record<string, unknown>) => void;
  /** Subgraph name -> the WAL position its reads must have reached (the caller's last write; see read-after.ts). */
  readAfter?: ReadAfter;
  /** Told the primary's position after a subgraph's mutation, to hand the caller for its next requests. */
  wrote?: (subgraph: string, position: string) => void;
}

export const REQUEST_ID_HEADER = "x-request-id";
/** Sent with every subgraph fetch: query, mutation or subscription (HAProxy's retry rule reads it). */
export const OPERATION_HEADER = "x-cakupan-operation";

export interface FetchStats extends InFlightStats {
  /** Entity fetches the plans asked for, and the batched subgraph requests that carried them. */
  entities: EntityBatchStats;
}

/** The GraphQL errors of a subgraph's answer, when it is one. */
function subgraphErrors(text: string): GatewayGraphQLResponse["errors"] | null {
  try {
    const body = JSON.parse(text) as GatewayGraphQLResponse;
    return Array.isArray(body.errors) && body.errors.length ? body.errors : null;
  } catch {
    return null;
  }
}

/** A subgraph's answer as a Fetch Response, for RemoteGraphQLDataSource's own error reporting. */
const fetcherResponse = (answer: SubgraphAnswer) =>
  new Response(answer.text, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });

/** The HTTP side of a good answer, as far as anyone reads it: status and headers (lower-case names). */
const answeredHeaders = (answer: SubgraphAnswer) => ({
  status: answer.status,
  statusText: answer.statusText,
  ok: true,
  headers: { get: (name: string): string | null => answer.headers[name.toLowerCase()] ?? null },
});

/** Header names in lower case, values joined, as the subgraph client sends them. */
function flatHeaders(headers: Iterable<[string, string]> & { raw?: () => Record<string, string[]> }) {
  // RemoteGraphQLDataSource builds node-fetch Headers, whose raw() is their own map: iterating them instead
  // sorts and copies every name on each subgraph fetch.
  if (typeof headers.raw !== "function") return Object.fromEntries(headers);
  const flat: Record<string, string> = {};
  for (const [name, values] of Object.entries(headers.raw())) flat[name.toLowerCase()] = values.join(", ");
  return flat;
}

/**
 * Forwards the caller's verified identity as a short-lived token the subgraph verifies, and its request id.
 * Every HTTP exchange goes through the subgraph's upstream policy (timeout, one retry of a query whose
 * connection failed, circuit breaker); a fetch the subgraph cannot answer becomes a partial answer.
 */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly secret: string | undefined,
    readonly policy: Upstream,
    send: Send,
    private readonly tokens: TokenCache,
    stats: FetchStats,
    events: GatewayEvents,
  ) {
    super({ url });
    const guarded: Send = (url, headers, body, kind) =>
      policy.execute(kind, async (signal) => {
        const started = performance.now();
        try {
          const answer = await send(url, headers, body, kind, signal);
          if (answer.status === 502 || answer.status === 503 || answer.status === 504)
            throw new UpstreamHttpError(answer.status);
          events.onFetch?.(name, (performance.now() - started) / 1000, answer.status < 400 ? "ok" : "error");
          return answer;
        } catch (error) {
          events.onFetch?.(name, (performance.now() - started) / 1000, "unavailable");
          throw error;
        }
      });
    const merged = mergeInFlight(guarded, stats);
    // Sends what RemoteGraphQLDataSource would and answers the same way (errors through its own
    // errorFromResponse), without its node-fetch copy of every body (see apollo-internals.ts).
    replaceSendRequest(this, async (request) => {
      const { http, ...withoutHttp } = request;
      if (!http) throw new Error("Internal error: only HTTP requests are supported.");
      const kind = operationKind(request.query ?? "", request.operationName);
      const answer = await merged(
        http.url,
        flatHeaders(http.headers),
        subgraphRequestBody(withoutHttp),
        kind,
      );
      // A subgraph's 4xx GraphQL errors (it refused the request's input) reach the client with their own
      // message and code, rather than as "400: Bad Request" with the subgraph's answer inside.
      const refusal = answer.status >= 400 && answer.status < 500 ? subgraphErrors(answer.text) : null;
      if (refusal) return { errors: refusal, http: fetcherResponse(answer) as never };
      if (answer.status < 200 || answer.status >= 300)
        throw await this.errorFromResponse(fetcherResponse(answer) as never);
      if (!/json/.test(answer.headers["content-type"] ?? ""))
        throw new Error(
          `Expected a JSON answer from the ${name} subgraph, received: ${answer.text.slice(0, 200)}`,
        );
      // What is read of a good answer's HTTP side: its headers (cache-control, the write position). A Fetch
      // Response would copy the whole body once more, into a stream nobody reads.
      return {
        ...(answer.json() as GatewayGraphQLResponse),
        http: answeredHeaders(answer) as never,
      };
    });
    const processOne = RemoteGraphQLDataSource.prototype.process.bind(this);
    this.process = answerOutagesPartially(batchEntityFetches(processOne, stats.entities), (error, options) =>
      events.onOutage?.(error, (options.context ?? {}) as Partial<GatewayContext>),
    );
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { identity = ANONYMOUS, requestId } = context as Partial<GatewayContext>;
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
    if (this.secret && identity.role !== "anonymous")
      request.http?.headers.set(IDENTITY_HEADER, await this.tokens.tokenFor(identity, this.secret));
    // Lets a load balancer retry a query on another replica when the first died mid-request, never a mutation.
    request.http?.headers.set(OPERATION_HEADER, operationKind(request.query ?? "", request.operationName));
    const readAfter = (context as Partial<GatewayContext>).readAfter?.[this.name];
    if (readAfter) request.http?.headers.set(READ_AFTER_HEADER, readAfter);
  }

  override didReceiveResponse({
    response,
    context,
  }: Required<
    Pick<GatewayGraphQLRequestContext<GatewayContext>, "response" | "context">
  >): GatewayGraphQLResponse {
    const wroteAt = response.http?.headers.get(WROTE_AT_HEADER);
    if (wroteAt) (context as Partial<GatewayContext>).wrote?.(this.name, wroteAt);
    return response;
  }
}

/**
 * One forwarded token per identity for half its 60 s life: signing is not repeated on every subgraph
 * fetch, and the requests of one caller carry the same header, so they can be merged while in flight.
 */
class TokenCache {
  private tokens = new Map<string, { token: Promise<string>; until: number }>();
  /** A request's identity object, made once per request, asks for its token once, whatever its fetches. */
  private ofRequest = new WeakMap<Identity, { token: Promise<string>; until: number }>();

  tokenFor(identity: Identity, secret: string): Promise<string> {
    const known = this.ofRequest.get(identity);
    if (known && known.until > Date.now()) return known.token;
    const entry = this.entryFor(identity, secret);
    this.ofRequest.set(identity, entry);
    return entry.token;
  }

  private entryFor(identity: Identity, secret: string): { token: Promise<string>; until: number } {
    const key = JSON.stringify([
      identity.subject,
      identity.role,
      identity.regencies,
      identity.client.ip,
      identity.client.userAgent,
    ]);
    const now = Date.now();
    const cached = this.tokens.get(key);
    if (cached && cached.until > now) return cached;
    if (this.tokens.size > 10_000) this.tokens.clear();
    const entry = { token: signIdentity(identity, secret), until: now + 30_000 };
    this.tokens.set(key, entry);
    return entry;
  }
}

/** @apollo/gateway over the committed static supergraph: no schema polling, no uplink, no telemetry. */
export function createGateway(options: GatewayOptions = {}): {
  gateway: ApolloGateway;
  /** The supergraph it runs: what the response cache reads the personal-data tags from. */
  supergraphSdl: string;
  routes: Record<string, string>;
  fetches: FetchStats;
  /** Subgraph name -> the state of its circuit. */
  circuits: Record<string, () => "closed" | "open" | "half-open">;
} {
  assertApolloInternals();
  reuseExecutedOperations();
  plainObjectExecution();
  // The gateway reports anonymous usage unless told not to; an explicit setting is respected.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const supergraphSdl = readFileSync(options.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH, "utf8");
  keepNamesOneByte(supergraphSdl);
  const overrides = options.subgraphUrls ?? {};
  /** Filled as the gateway loads: subgraph name -> the URL its fetches go to. */
  const routes: Record<string, string> = {};
  const tokens = new TokenCache();
  const fetches: FetchStats = { sent: 0, merged: 0, entities: { requested: 0, sent: 0 } };
  const circuits: Record<string, () => "closed" | "open" | "half-open"> = {};
  const events = options.events ?? {};
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      routes[name] = overrides[name] ?? url!;
      const timeoutMs = options.subgraphTimeoutsMs?.[name] ?? options.subgraphTimeoutMs ?? 30_000;
      const policy = upstream(name, { timeoutMs, ...options.breaker }, events);
      circuits[name] = policy.state;
      return new IdentityForwardingDataSource(
        name,
        routes[name],
        options.internalSecret,
        policy,
        httpSend(timeoutMs),
        tokens,
        fetches,
        events,
      );
    },
  });
  acceptDocumentedSecurityDirectives(gateway);
  return { gateway, supergraphSdl, routes, fetches, circuits };
}

import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { RequestHandler } from "express";
import { sendGraphQLError } from "./client-errors";

/**
 * What a hostile or careless query meets before any subgraph sees it. Each refusal names the limit and
 * its value. The defaults leave room for the Excel add-in's batches: 1,000 aliased coverage lookups cost about
 * 40,000 (graphql-armor's cost), under the 50,000 allowed.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  maxBodyBytes: number;
  timeoutMs: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 1000,
  maxTokens: 100_000,
  maxDirectives: 50,
  maxCost: 50_000,
  maxBodyBytes: 2 * 1024 * 1024,
  timeoutMs: 30_000,
};

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as (keyof QueryLimits)[]) {
    const variable = `LIMIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${variable}=${raw} is not a positive whole number.`);
    limits[key] = value;
  }
  return limits;
}

/**
 * graphql-armor's validation rules and plugins for Apollo Server; batched HTTP requests stay off. The token
 * limit is graphql-js's own parser option (parseOptions below): graphql-armor's parses again in a hook
 * where any syntax error becomes a 500. Field suggestions are removed by formatErrorForClients.
 */
export function armor(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits: true, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/** Apollo Server's parseOptions: a document of more tokens is a syntax error (400) naming the limit. */
export const parseOptions = (limits: QueryLimits) => ({ maxTokens: limits.maxTokens });

/** Refuses a JSON array (batched operations) with a message, before Apollo Server sees it. */
export const refuseBatches: RequestHandler = (request, response, next) => {
  if (Array.isArray(request.body)) {
    const message = `Batched operations are not accepted (this request holds ${request.body.length}): send one operation per request.`;
    return sendGraphQLError(response, 400, "BAD_REQUEST", message);
  }
  next();
};

/** Answers 503 with a GraphQL error if the request is not answered within the timeout. */
export function requestTimeout(timeoutMs: number): RequestHandler {
  return (_request, response, next) => {
    const timer = setTimeout(() => {
      if (!response.headersSent) {
        sendGraphQLError(
          response,
          503,
          "TIMEOUT",
          `The request took longer than the gateway's limit of ${timeoutMs} ms: ask for less at once.`,
        );
      }
    }, timeoutMs);
    response.on("close", () => clearTimeout(timer));
    response.on("finish", () => clearTimeout(timer));
    next();
  };
}

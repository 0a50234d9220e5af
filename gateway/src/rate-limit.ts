import type { Identity } from "@cakupan/core";
import type { Request, RequestHandler } from "express";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { sendGraphQLError } from "./client-errors";

/**
 * An allowance of requests per client and window: a signed-in client is counted by its token's subject,
 * anyone else by address (req.ip: the socket's, or X-Forwarded-For's only when TRUST_PROXY says the
 * gateway is behind a proxy, so a client cannot name itself a fresh address). Past it: 429, Retry-After.
 * Counts live in the gateway's memory; `limiter` takes another store of rate-limiter-flexible (Redis)
 * when several gateways share one allowance.
 */
export interface RateLimitOptions {
  requests: number;
  windowSeconds: number;
  limiter?: RateLimiterAbstract;
  /** Releases the limiter's connections (the gateway calls it on stop). */
  close?: () => Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requests: 600, windowSeconds: 60 };

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, zeroAllowed = false): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1))
    throw new Error(`${name}=${raw} is not a ${zeroAllowed ? "whole number" : "positive whole number"}.`);
  return value;
}

/** RATE_LIMIT_REQUESTS (0 turns it off) per RATE_LIMIT_WINDOW_SECONDS; null when off. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions | null {
  const requests = positive(env, "RATE_LIMIT_REQUESTS", DEFAULT_RATE_LIMIT.requests, true);
  const windowSeconds = positive(env, "RATE_LIMIT_WINDOW_SECONDS", DEFAULT_RATE_LIMIT.windowSeconds);
  return requests === 0 ? null : { requests, windowSeconds };
}

/**
 * One allowance shared by every gateway replica, counted in Redis (REDIS_URL): with N replicas behind a load
 * balancer a client still gets `requests` per window, not N times as many. While Redis does not answer, each
 * replica counts in its own memory meanwhile (rate-limiter-flexible's insurance limiter): never refuse all.
 */
export function sharedRateLimiter(
  options: Pick<RateLimitOptions, "requests" | "windowSeconds">,
  redisUrl: string,
): Pick<RateLimitOptions, "limiter" | "close"> {
  const points = options.requests;
  const duration = options.windowSeconds;
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
  });
  // Its failures are answered by the insurance limiter; the response cache's store logs Redis's state.
  redis.on("error", () => {});
  return {
    limiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: "cakupan:rate",
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ points, duration }),
    }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export function rateLimit(
  options: RateLimitOptions,
  identify: (request: Request) => Promise<Identity>,
): RequestHandler {
  const limiter =
    options.limiter ?? new RateLimiterMemory({ points: options.requests, duration: options.windowSeconds });
  return async (request, response, next) => {
    let key = `ip:${request.ip ?? request.socket.remoteAddress}`;
    try {
      const identity = await identify(request);
      if (identity.subject) key = `sub:${identity.subject}`;
    } catch {
      // a token that does not verify is refused further on, with its own error; counted by address meanwhile
    }
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        // The store failed (a shared store unreachable): serve rather than refuse everyone.
        console.error("gateway: rate limit store failed, request let through:", rejection);
        return next();
      }
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      response.set("retry-after", String(seconds));
      const { requests, windowSeconds } = options;
      const message = `Too many requests: each client may send ${requests} requests every ${windowSeconds} s. `;
      return sendGraphQLError(response, 429, "RATE_LIMITED", `${message}Try again in ${seconds} s.`);
    }
    next();
  };
}

import { createHash } from "node:crypto";
import { Agent, get } from "node:http";
import { Agent as TlsAgent, get as tlsGet } from "node:https";
import {
  formatReadAfter,
  mergeReadAfter,
  parseReadAfter,
  READ_AFTER_HEADER,
  type ReadAfter,
  SERVICE_ROUTES,
  serviceUrl,
} from "@cakupan/core";
import type { RequestHandler } from "express";
import { responseMediaType } from "./graphql-over-http";
import { type CacheStore, memoryCacheStore } from "./cache-store";
import { operationKind } from "./operation-kind";

/**
 * Answers to anonymous queries, kept by operation, variables and the data version of every subgraph.
 * Before answering, the gateway reads each subgraph's version (GET /version: a counter every write to its
 * tables bumps in the writing transaction, whoever writes). A kept answer is served only while every
 * version is the one it was computed under, so a write through any subgraph, a CLI or plain SQL ends it
 * at once: never a stale figure. Signed-in callers (breakdowns, personal data) are never served from here.
 * Identical anonymous queries arriving while one is being computed at the same versions wait for it and get
 * the same answer, errors included (what they would have been answered at that moment), so a dashboard wall
 * refreshing at once costs one execution, even just after a write.
 */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  /** Misses answered by joining an identical one being computed at that moment. */
  joined: number;
  bypassed: number;
}

export function responseCache(subgraphUrls: Record<string, string>, options: { store?: CacheStore } = {}) {
  const store = options.store ?? memoryCacheStore();
  const stats: ResponseCacheStats = { hits: 0, misses: 0, joined: 0, bypassed: 0 };
  /** Answers being computed, by key: an identical anonymous query at the same data versions waits for it. */
  const computing = new Map<string, Promise<{ status: number; body: string } | null>>();
  const versionUrls = Object.values(subgraphUrls).map((url) => serviceUrl(url, SERVICE_ROUTES.version));
  const subgraphNames = Object.keys(subgraphUrls);
  /**
   * Each subgraph's primary WAL position at its latest version read. A query the cache may keep is sent with
   * them (READ_AFTER_HEADER), so a subgraph reading from a replica reads at least what the versions in the
   * key stand for: a later position than the version's is only stricter, never staler.
   */
  let positions: ReadAfter = {};

  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const tlsAgent = new TlsAgent({ keepAlive: true, maxSockets: 16 });
  const readVersion = (url: string, index: number) =>
    new Promise<string>((resolve, reject) => {
      const tls = url.startsWith("https:");
      const request = (tls ? tlsGet : get)(
        url,
        { agent: tls ? tlsAgent : agent, timeout: 2000 },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => {
            if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
            const { version, position } = JSON.parse(text) as { version: unknown; position?: string };
            if (position) positions = mergeReadAfter(positions, { [subgraphNames[index]]: position });
            resolve(String(version));
          });
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", reject);
    });
  const readVersions = (): Promise<string[] | null> =>
    Promise.all(versionUrls.map(readVersion)).catch(() => null);

  /**
   * The versions as of a moment after the caller arrived. Callers arriving while a read is under way (it
   * may have started before them) share the next read, which starts after it: one read serves every caller
   * of a busy moment, and none is answered from versions older than its own arrival.
   */
  let current: Promise<string[] | null> | undefined;
  let following: Promise<string[] | null> | undefined;
  const versions = (): Promise<string[] | null> => {
    if (!current) {
      current = readVersions().finally(() => {
        current = undefined;
      });
      return current;
    }
    following ??= current.then(() => {
      following = undefined;
      return versions();
    });
    return following;
  };

  const middleware: RequestHandler = async (request, response, next) => {
    const body = request.body as
      { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (
      request.headers.authorization ||
      typeof body?.query !== "string" ||
      operationKind(body.query, body.operationName as string | undefined) !== "query"
    ) {
      stats.bypassed += 1;
      return next();
    }
    const current = await versions();
    if (!current) {
      stats.bypassed += 1;
      return next();
    }
    request.headers[READ_AFTER_HEADER] = formatReadAfter(
      mergeReadAfter(parseReadAfter(request.headers[READ_AFTER_HEADER] as string | undefined), positions),
    );
    const key = `${createHash("sha256")
      .update(JSON.stringify([body.query, body.variables ?? null, body.operationName ?? null]))
      .digest("hex")}|${current.join(",")}`;
    // A store that fails (a shared one being restarted) counts as a miss: the cache never stops an answer.
    const kept = await store.get(key).catch(() => undefined);
    if (kept !== undefined) {
      stats.hits += 1;
      response.status(200).type(responseMediaType(request)).set("x-cache", "hit").send(kept);
      return;
    }
    const pending = computing.get(key);
    if (pending) {
      const answer = await pending;
      if (answer) {
        stats.joined += 1;
        response
          .status(answer.status)
          .type(responseMediaType(request))
          .set("x-cache", "joined")
          .send(answer.body);
        return;
      }
    }
    stats.misses += 1;
    response.set("x-cache", "miss");
    let settle: ((answer: { status: number; body: string } | null) => void) | undefined;
    const computed = new Promise<{ status: number; body: string } | null>((resolve) => (settle = resolve));
    computing.set(key, computed);
    const done = (answer: { status: number; body: string } | null) => {
      if (computing.get(key) === computed) computing.delete(key);
      settle?.(answer);
      settle = undefined;
    };
    response.on("close", () => done(null));
    const send = response.send.bind(response);
    response.send = (payload?: unknown) => {
      if (typeof payload === "string") {
        if (response.statusCode === 200 && !payload.includes('"errors"'))
          void store.set(key, payload).catch(() => undefined);
        done({ status: response.statusCode, body: payload });
      }
      return send(payload);
    };
    next();
  };

  return { middleware, stats, size: () => store.size() };
}

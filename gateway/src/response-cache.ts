import { createHash } from "node:crypto";
import { Agent, get } from "node:http";
import { Agent as TlsAgent, get as tlsGet } from "node:https";
import type { IncomingMessage } from "node:http";
import {
  formatReadAfter,
  type Identity,
  mergeReadAfter,
  parseWalPosition,
  PERSONAL_DATA_TAG,
  READ_AFTER_HEADER,
  type ReadAfter,
  SERVICE_ROUTES,
  serviceUrl,
} from "@cakupan/core";
import type { Logger } from "@cakupan/observability";
import type { RequestHandler } from "express";
import {
  buildASTSchema,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { responseMediaType } from "./graphql-over-http";
import { type CacheStore, memoryCacheStore } from "./cache-store";
import { operationKind } from "./operation-kind";
import { callerReadAfter } from "./read-after";
import { type PushedVersion, versionFeed } from "./version-feeds";

/**
 * Answers to queries, kept by operation, variables and the data version of every subgraph (a counter every
 * write to its tables bumps in the writing transaction, whoever writes). A kept answer is served only while
 * every version is the one it was computed under, so a write through any subgraph, a CLI or plain SQL ends it.
 *
 * How the gateway knows the versions: each subgraph pushes its version on every commit that changes it
 * (GET /version/stream, fed by PostgreSQL NOTIFY; version-feeds.ts), so a kept answer costs no request to
 * any subgraph. A change made elsewhere (SQL by hand, a CLI, another gateway replica) ends kept answers
 * when its notification arrives, a few milliseconds after the commit. Where that is not good enough, the
 * versions are read from the subgraphs (GET /version) before answering, as they were before feeds:
 * - after a mutation through this gateway, until a read made after it (so its writer, and anyone after
 *   it, sees the write at once) is matched by the feeds;
 * - for a caller who sends the position of its own write (the read-after header or cookie that every
 *   replica hands out) that a feed has not reached;
 * - while any feed is down or silent (FEED_SILENT_AFTER_MS): never a kept answer on a broken chain.
 *
 * Who may share an answer: it is kept under what it may depend on, the caller's verified role and regency
 * claims (cacheScope), never the subject, so every planner shares one entry, every anonymous caller another,
 * and each set of operator regencies its own. An operation that touches a field the supergraph tags
 * personal-data (personal data, or a read that must be audited) is never kept nor served from here, whoever
 * asks (PersonalDataFields); nor is a request whose token does not verify (Apollo refuses it).
 *
 * Identical queries of one scope arriving while one is being computed at the same versions wait for it and
 * get the same answer, errors included (what they would have been answered at that moment), so a dashboard
 * wall refreshing at once costs one execution, even just after a write.
 */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  /** Misses answered by joining an identical one being computed at that moment. */
  joined: number;
  bypassed: number;
  /** Requests whose versions came from the subgraphs' feeds, with no request to any subgraph. */
  versionsPushed: number;
  /** Reads of every subgraph's GET /version (one may serve several callers arriving together). */
  versionReads: number;
}

/**
 * What an answer may depend on besides the operation: the verified role, and an operator's regency claims
 * (in a fixed order). Never the subject or the client: every planner shares an entry.
 */
export function cacheScope(identity: Pick<Identity, "role" | "regencies">): string {
  return identity.role === "operator"
    ? `operator:${[...new Set(identity.regencies)].sort().join(",")}`
    : identity.role;
}

/** An operation for a scope, at whatever data versions: its entries differ only in their versions. */
function queryKey(
  scope: string,
  body: { query: string; variables?: unknown; operationName?: unknown },
): string {
  return createHash("sha256")
    .update(JSON.stringify([scope, body.query, body.variables ?? null, body.operationName ?? null]))
    .digest("hex");
}

/**
 * The fields (Type.field) the supergraph tags personal-data, and whether an operation touches one: decided
 * from the operation's text against the supergraph's types, fragments included, before anything runs. A
 * field it cannot place (a text that does not validate) counts as touching: such an answer is an error anyway.
 */
export class PersonalDataFields {
  readonly coordinates: ReadonlySet<string>;
  private readonly schema: GraphQLSchema;
  private readonly decided = new Map<string, boolean>();

  constructor(supergraphSdl: string) {
    const document = parse(supergraphSdl, { noLocation: true });
    this.schema = buildASTSchema(document, { assumeValidSDL: true });
    this.coordinates = taggedFields(document, PERSONAL_DATA_TAG);
  }

  touchedBy(query: string): boolean {
    let touches = this.decided.get(query);
    if (touches === undefined) {
      touches = this.decide(query);
      if (this.decided.size >= 10_000) this.decided.clear();
      this.decided.set(query, touches);
    }
    return touches;
  }

  private decide(query: string): boolean {
    let document: DocumentNode;
    try {
      document = parse(query, { noLocation: true });
    } catch {
      return true;
    }
    const typeInfo = new TypeInfo(this.schema);
    let touches = false;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          const parent = typeInfo.getParentType();
          if (node.name.value.startsWith("__")) return;
          if (!parent || !typeInfo.getFieldDef() || this.coordinates.has(`${parent.name}.${node.name.value}`))
            touches = true;
        },
      }),
    );
    return touches;
  }
}

function taggedFields(document: DocumentNode, tag: string): Set<string> {
  const coordinates = new Set<string>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const tagged = field.directives?.some(
        (directive) =>
          directive.name.value === "tag" &&
          directive.arguments?.some(
            (argument) =>
              argument.name.value === "name" &&
              argument.value.kind === Kind.STRING &&
              argument.value.value === tag,
          ),
      );
      if (tagged) coordinates.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return coordinates;
}

export function responseCache(
  subgraphUrls: Record<string, string>,
  options: {
    /** Where entries live (default: in-process LRU; see cache-store.ts). */
    store?: CacheStore;
    /** The supergraph the gateway runs: which fields hold personal data. */
    supergraphSdl: string;
    /** The request's verified identity (rejects when its token does not verify). */
    authenticate: (request: IncomingMessage) => Promise<Identity>;
    /** Where a data version feed's loss and return are told. */
    log?: Logger;
  },
) {
  const store = options.store ?? memoryCacheStore();
  const personalData = new PersonalDataFields(options.supergraphSdl);
  /** The caller's scope; null when the token does not verify (Apollo will refuse it, uncached). */
  const scopeOf = async (request: IncomingMessage): Promise<string | null> => {
    if (!request.headers.authorization) return "anonymous";
    return options
      .authenticate(request)
      .then(cacheScope)
      .catch(() => null);
  };
  const stats: ResponseCacheStats = {
    hits: 0,
    misses: 0,
    joined: 0,
    bypassed: 0,
    versionsPushed: 0,
    versionReads: 0,
  };
  /** Answers being computed, by key: an identical anonymous query at the same data versions waits for it. */
  const computing = new Map<string, Promise<{ status: number; body: string } | null>>();
  /**
   * The one computation running of each query (by key without its versions). A caller who arrives after a
   * write while the query is still being computed at the versions before it waits for that computation to
   * end, then is answered at the versions of that moment, joining whoever else waited: under a write every few
   * milliseconds each write would otherwise start a computation of its own, every one slowing the others.
   */
  const running = new Map<string, Promise<unknown>>();
  const versionUrls = Object.values(subgraphUrls).map((url) => serviceUrl(url, SERVICE_ROUTES.version));
  const subgraphNames = Object.keys(subgraphUrls);
  const feeds = Object.entries(subgraphUrls).map(([name, url]) => {
    let lostAt: number | undefined;
    return versionFeed(url, (state, detail) => {
      if (state === "down") {
        lostAt = Date.now();
        options.log?.warn(
          { subgraph: name, reason: detail },
          "data version feed lost: versions read before each answer until it is back",
        );
      } else if (lostAt === undefined) {
        options.log?.info({ subgraph: name, url: detail }, "data version feed: pushed versions");
      } else {
        // At the loss's level, so that whoever reads warnings only also reads that it ended, and after how long.
        options.log?.warn(
          { subgraph: name, url: detail, lostForMs: Date.now() - lostAt },
          "data version feed: pushed versions again",
        );
        lostAt = undefined;
      }
    });
  });

  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const tlsAgent = new TlsAgent({ keepAlive: true, maxSockets: 16 });
  const readVersion = (url: string) =>
    new Promise<PushedVersion>((resolve, reject) => {
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
            resolve({ version: String(version), position });
          });
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", reject);
    });

  /**
   * Changes this gateway has told of (mutations answered through it, coverage events passed on to live
   * clients), and the count of them that reads of the versions made after them cover: while the two differ,
   * versions are read, not taken from the feeds, since a feed may not have pushed the change yet. `floor` is
   * what those reads returned: a feed is trusted again only once it has reached it.
   */
  let changesToldOf = 0;
  let changesCovered = 0;
  const changeToldOf = () => {
    changesToldOf += 1;
  };
  const floor: bigint[] = feeds.map(() => 0n);
  const readVersions = async (): Promise<PushedVersion[] | null> => {
    const covering = changesToldOf;
    const read = await Promise.all(versionUrls.map(readVersion)).catch(() => null);
    if (read) {
      read.forEach(({ version }, index) => {
        if (BigInt(version) > floor[index]) floor[index] = BigInt(version);
      });
      if (covering > changesCovered) changesCovered = covering;
    }
    stats.versionReads += 1;
    return read;
  };

  /**
   * The versions as of a moment after the caller arrived. Callers arriving while a read is under way (it
   * may have started before them) share the next read, which starts after it: one read serves every caller
   * of a busy moment, and none is answered from versions older than its own arrival.
   */
  let current: Promise<PushedVersion[] | null> | undefined;
  let following: Promise<PushedVersion[] | null> | undefined;
  const freshlyRead = (): Promise<PushedVersion[] | null> => {
    if (!current) {
      current = readVersions().finally(() => {
        current = undefined;
      });
      return current;
    }
    following ??= current.then(() => {
      following = undefined;
      return freshlyRead();
    });
    return following;
  };
  /** The feeds' versions when they may be trusted for a caller who must read after `readAfter`. */
  const pushed = (readAfter: ReadAfter): PushedVersion[] | null => {
    if (changesCovered !== changesToldOf) return null;
    const versions: PushedVersion[] = [];
    for (const [index, feed] of feeds.entries()) {
      const latest = feed.current();
      if (!latest || BigInt(latest.version) < floor[index]) return null;
      const required = parseWalPosition(readAfter[subgraphNames[index]]);
      if (required !== undefined && (parseWalPosition(latest.position) ?? 0n) < required) return null;
      versions.push(latest);
    }
    return versions;
  };

  const middleware: RequestHandler = async (request, response, next) => {
    const body = request.body as
      { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    const kind =
      typeof body?.query === "string"
        ? operationKind(body.query, body.operationName as string | undefined)
        : null;
    if (kind !== "query") {
      // A mutation's answer leaves after its writes committed: from then on, versions are read until a read
      // made after it is matched by the feeds (set before the answer goes, so no caller slips in between).
      if (kind === "mutation") {
        const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
        response.end = ((...args: unknown[]) => {
          changeToldOf();
          return end(...args);
        }) as typeof response.end;
      }
      stats.bypassed += 1;
      return next();
    }
    if (personalData.touchedBy(body!.query as string)) {
      stats.bypassed += 1;
      return next();
    }
    const readAfter = callerReadAfter(request);
    const fromFeeds = pushed(readAfter);
    if (fromFeeds) stats.versionsPushed += 1;
    const [scope, current] = await Promise.all([scopeOf(request), fromFeeds ?? freshlyRead()]);
    if (scope === null || !current) {
      stats.bypassed += 1;
      return next();
    }
    // Answers kept under these versions are read at least at the positions they stand for (a replica that
    // has not replayed so far is not asked): a later position is only stricter, never staler.
    const positions: ReadAfter = {};
    current.forEach(({ position }, index) => {
      if (position) positions[subgraphNames[index]] = position;
    });
    request.headers[READ_AFTER_HEADER] = formatReadAfter(mergeReadAfter(readAfter, positions));
    const query = queryKey(scope, body as { query: string });
    const key = `${query}|${current.map(({ version }) => version).join(",")}`;
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
    const earlier = running.get(query);
    if (earlier) {
      await earlier;
      return middleware(request, response, next);
    }
    stats.misses += 1;
    response.set("x-cache", "miss");
    let settle: ((answer: { status: number; body: string } | null) => void) | undefined;
    const computed = new Promise<{ status: number; body: string } | null>((resolve) => (settle = resolve));
    computing.set(key, computed);
    running.set(query, computed);
    const done = (answer: { status: number; body: string } | null) => {
      if (computing.get(key) === computed) computing.delete(key);
      if (running.get(query) === computed) running.delete(query);
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

  return {
    middleware,
    stats,
    size: () => store.size(),
    /**
     * Called before a change is told to anyone (a coverage event to live clients): whoever asks after hearing
     * of it is answered from versions read then, not from a feed that may not have pushed the change yet.
     */
    changeToldOf,
    /** Each subgraph's version as its feed last pushed it; undefined while the feed is down or silent. */
    pushedVersions: (): Record<string, string | undefined> =>
      Object.fromEntries(feeds.map((feed, index) => [subgraphNames[index], feed.current()?.version])),
    close: () => feeds.forEach((feed) => feed.close()),
  };
}

import { Redis } from "ioredis";

/**
 * Where the response cache keeps its answers. Keys already carry every subgraph's data version, so a store
 * never has to be told about writes: an entry computed before one is simply never asked for again, and the
 * store's own eviction (least recently used here, the server's policy for a shared store) reclaims it.
 */
export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, body: string): Promise<void>;
  /** Entries held by this store, for tests and metrics; a shared store may not know. */
  size(): number | undefined;
  /** Releases its connections, when it has any (the gateway calls it on stop). */
  close?(): Promise<void>;
}

export interface MemoryCacheStoreOptions {
  maxEntries?: number;
  /** Total characters kept; one answer larger than an eighth of it is not kept at all. */
  maxBytes?: number;
}

/** The default: one process's least-recently-used map, bounded by entries and by size. */
export function memoryCacheStore(options: MemoryCacheStoreOptions = {}): CacheStore {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, string>();
  let bytes = 0;

  return {
    async get(key) {
      const kept = entries.get(key);
      if (kept !== undefined) {
        entries.delete(key);
        entries.set(key, kept);
      }
      return kept;
    },
    async set(key, body) {
      if (body.length > maxBytes / 8) return;
      const previous = entries.get(key);
      if (previous !== undefined) {
        entries.delete(key);
        bytes -= previous.length;
      }
      entries.set(key, body);
      bytes += body.length;
      for (const [oldest, value] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= value.length;
      }
    },
    size: () => entries.size,
  };
}

export interface RedisCacheStoreOptions {
  /** redis://[:password@]host:port[/db], rediss:// for TLS (REDIS_URL). */
  url: string;
  /** How long an entry lives at most (seconds): entries under a data version no key asks for again go then. */
  ttlSeconds?: number;
  /** Prefix of every key this store writes, so one Redis can serve other uses (and other deployments). */
  keyPrefix?: string;
  /** An answer larger than this (characters) is not kept: it would evict many small ones for one caller. */
  maxEntryBytes?: number;
  /** A command not answered within this long counts as a miss (milliseconds). */
  commandTimeoutMs?: number;
  /** Told when the store starts failing and when it answers again (logged by the gateway). */
  onStateChange?: (state: "failing" | "ready", error?: Error) => void;
}

/**
 * Entries in Redis, shared by every gateway replica: an answer computed by one is a hit for all. Keys carry
 * the data versions, so replicas never need to tell each other about writes. A store that is down, slow or
 * restarting answers a miss within a short command timeout (half a second by default):
 * the gateway then computes the answer as if there were no cache, and never fails because of it.
 * Eviction is the server's: give it `maxmemory` and `maxmemory-policy allkeys-lru` (every entry also
 * carries a TTL, so `volatile-lru` works too).
 */
export function redisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const keyPrefix = options.keyPrefix ?? "cakupan:response:";
  const maxEntryBytes = options.maxEntryBytes ?? 8 * 1024 * 1024;
  const redis = new Redis(options.url, {
    keyPrefix,
    // Commands wait for a connection being made at most the command timeout; then they answer a miss.
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 5000,
    // Reconnect for ever, at most every two seconds: a restarted Redis is used again without a gateway restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  let failing = false;
  redis.on("error", (error: Error) => {
    if (failing) return;
    failing = true;
    options.onStateChange?.("failing", error);
  });
  redis.on("ready", () => {
    if (!failing) return;
    failing = false;
    options.onStateChange?.("ready");
  });

  return {
    async get(key) {
      try {
        return (await redis.get(key)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, body) {
      if (body.length > maxEntryBytes) return;
      try {
        await redis.set(key, body, "EX", ttlSeconds);
      } catch {
        // A lost write is a later miss, nothing more.
      }
    },
    size: () => undefined,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

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

import type { Logger } from "@cakupan/observability";
import type { DataSource } from "typeorm";
import { ANONYMOUS, type Identity } from "@cakupan/core";

/**
 * What every resolver of a subgraph receives. Loaders live for one request: batching spans all
 * resolvers of that request, and no cached row outlives it (figures are never served stale).
 */
export class RequestContext {
  private readonly loaders = new Map<(dataSource: DataSource) => unknown, unknown>();
  /** The request's id (x-request-id, as the gateway sent it), its logger, and fields for its log line. */
  requestId?: string;
  log?: Logger;
  annotate?: (fields: Record<string, unknown>) => void;

  constructor(
    /**
     * Where this request reads: the primary, or its read replica once the request is known to be a query
     * the replica can answer (read-replica.ts decides before execution, so every loader uses one).
     */
    public dataSource: DataSource,
    readonly identity: Identity = ANONYMOUS,
  ) {}

  /** The one loader this request has for `factory`, created on first use. */
  loader<T>(factory: (dataSource: DataSource) => T): T {
    let loader = this.loaders.get(factory) as T | undefined;
    if (loader === undefined) {
      loader = factory(this.dataSource);
      this.loaders.set(factory, loader);
    }
    return loader;
  }
}

import { type GatewayConfig, GatewayUnavailable, postGraphQL } from "../shared/gateway";
import { type CellError, invalidValue, notAvailable, serviceUnavailable } from "./errors";

export interface Pending {
  /** A registered operation of one root field: what to ask. */
  lookup: RegisteredOperation;
  /** Its variables' values. */
  args: Record<string, unknown>;
  waiters: { resolve(value: unknown): void; reject(error: Error): void; partial?: boolean }[];
}

/** Where, under a lookup, a service that is down left its fields null. */
export interface Unavailable {
  /** Below the lookup's root field: [3, "coverage"] for the fourth regency of a province table. */
  path: (string | number)[];
  error: CellError;
}

export interface PartialResult<T> {
  value: T | null;
  unavailable: Unavailable[];
}

/**
 * Excel calls a custom function once per cell, many at a time. Following Microsoft's batching pattern,
 * calls arriving within `delayMs` of each other are gathered into one GraphQL request, each distinct
 * lookup asked once under an alias; a failure in one lookup fails only the cells that asked for it.
 */
export class Batcher {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly gateway: () => GatewayConfig,
    private readonly delayMs = 50,
    private readonly maxAliases = 1000,
  ) {}

  /** The root field of `lookup` (a registered operation) with these variables; `key` names it for sharing. */
  fetch<T>(key: string, lookup: RegisteredOperation, args: Record<string, unknown>): Promise<T | null> {
    return this.enqueue<T | null>(key, lookup, args, false);
  }

  /**
   * Like fetch, but a lookup whose fields of one service are missing (that service down) still resolves, with
   * where they are missing: a table shows #N/A only in the cells that needed that service.
   */
  fetchPartial<T>(
    key: string,
    lookup: RegisteredOperation,
    args: Record<string, unknown>,
  ): Promise<PartialResult<T>> {
    return this.enqueue<PartialResult<T>>(key, lookup, args, true);
  }

  private enqueue<R>(
    key: string,
    lookup: RegisteredOperation,
    args: Record<string, unknown>,
    partial: boolean,
  ): Promise<R> {
    if (!lookup.field) throw new Error(`${lookup.name} has several root fields: it cannot be batched.`);
    return new Promise<R>((resolve, reject) => {
      let entry = this.pending.get(key);
      if (!entry) {
        entry = { lookup, args, waiters: [] };
        this.pending.set(key, entry);
      }
      entry.waiters.push({ resolve: resolve as (value: unknown) => void, reject, partial });
      this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (let start = 0; start < entries.length; start += this.maxAliases) {
      await this.send(entries.slice(start, start + this.maxAliases));
    }
  }

  private async send(unordered: Pending[]): Promise<void> {
    const { query, variables, entries } = parameterize(unordered);
    try {
      const { data, errors } = await postGraphQL<Record<string, unknown>>(this.gateway(), query, variables);
      const errorsByAlias = new Map<string, { message: string; code?: string; service?: string }>();
      const unavailableByAlias = new Map<string, Unavailable[]>();
      for (const error of errors ?? []) {
        const alias = typeof error.path?.[0] === "string" ? error.path[0] : undefined;
        if (!alias) continue;
        const service = error.extensions?.serviceName;
        if (
          error.extensions?.code === "SUBGRAPH_UNAVAILABLE" &&
          typeof service === "string" &&
          error.path!.length > 1
        ) {
          unavailableByAlias.set(alias, [
            ...(unavailableByAlias.get(alias) ?? []),
            { path: error.path!.slice(1), error: serviceUnavailable(service) },
          ]);
        } else if (!errorsByAlias.has(alias))
          errorsByAlias.set(alias, { message: error.message, code: error.extensions?.code, service });
      }
      entries.forEach((entry, i) => {
        const error = errorsByAlias.get(`a${i}`);
        const unavailable = unavailableByAlias.get(`a${i}`);
        if (!error && unavailable && data) {
          const value = data[`a${i}`] ?? null;
          for (const waiter of entry.waiters) {
            if (waiter.partial) waiter.resolve({ value, unavailable });
            else waiter.reject(unavailable[0].error);
          }
        } else if (error) {
          const cellError =
            error.code === "BAD_USER_INPUT"
              ? invalidValue(error.message)
              : error.code === "SUBGRAPH_UNAVAILABLE" && error.service
                ? serviceUnavailable(error.service)
                : notAvailable(error.message);
          for (const waiter of entry.waiters) waiter.reject(cellError);
        } else if (!data) {
          const reason = errors?.[0]?.message ?? "no data";
          for (const waiter of entry.waiters)
            waiter.reject(notAvailable(`The gateway answered without data: ${reason}`));
        } else {
          const value = data[`a${i}`] ?? null;
          for (const waiter of entry.waiters)
            waiter.resolve(waiter.partial ? { value, unavailable: [] } : value);
        }
      });
    } catch (error) {
      const cellError =
        error instanceof GatewayUnavailable
          ? notAvailable(error.message)
          : notAvailable(`The gateway request failed: ${(error as Error).message}`);
      for (const entry of entries) for (const waiter of entry.waiters) waiter.reject(cellError);
    }
  }
}

/**
 * The batch as one operation: each lookup's root field under an alias, exactly as registered, its variables
 * renamed (one per distinct value and type) and the lookups ordered by shape. The text names no region or
 * date, so a sheet recalculated over other regions or another date reuses the gateway's plan of the last time
 * (planning 200 lookups costs it three times their execution); and every part is a registered operation's root
 * field, so a gateway that runs only registered operations for anonymous callers accepts the batch.
 */
export function parameterize(unordered: Pending[]): {
  query: string;
  variables: Record<string, unknown>;
  entries: Pending[];
} {
  const entries = [...unordered].sort((a, b) =>
    a.lookup.name < b.lookup.name ? -1 : a.lookup.name > b.lookup.name ? 1 : 0,
  );
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const names = new Map<string, string>();
  const fields = entries.map((entry, i) => {
    const field = entry.lookup.field!.replace(/\$(\w+)/g, (_, name: string) => {
      const type = entry.lookup.variables[name];
      const value = entry.args[name] ?? null;
      const key = `${type}|${JSON.stringify(value)}`;
      let variable = names.get(key);
      if (!variable) {
        variable = `v${names.size}`;
        names.set(key, variable);
        variables[variable] = value;
        declarations.push(`$${variable}: ${type}`);
      }
      return `$${variable}`;
    });
    return `a${i}: ${field}`;
  });
  return {
    query: `query JskBatch${declarations.length ? `(${declarations.join(", ")})` : ""} { ${fields.join(" ")} }`,
    variables,
    entries,
  };
}

import { type GatewayConfig, GatewayUnavailable, postGraphQL } from "../shared/gateway";
import { type CellError, invalidValue, notAvailable, serviceUnavailable } from "./errors";

export interface Pending {
  root: string;
  selection: string;
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

  /** `root` is a Query field with its arguments (regency(code: "16.06")), `selection` what to read of it. */
  fetch<T>(key: string, root: string, selection: string): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      let entry = this.pending.get(key);
      if (!entry) {
        entry = { root, selection, waiters: [] };
        this.pending.set(key, entry);
      }
      entry.waiters.push({ resolve: resolve as (value: unknown) => void, reject });
      this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  /**
   * Like fetch, but a lookup whose fields of one service are missing (that service down) still resolves, with
   * where they are missing: a table shows #N/A only in the cells that needed that service.
   */
  fetchPartial<T>(key: string, root: string, selection: string): Promise<PartialResult<T>> {
    return new Promise<PartialResult<T>>((resolve, reject) => {
      let entry = this.pending.get(key);
      if (!entry) {
        entry = { root, selection, waiters: [] };
        this.pending.set(key, entry);
      }
      entry.waiters.push({ resolve: resolve as (value: unknown) => void, reject, partial: true });
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
        if (error.extensions?.code === "SUBGRAPH_UNAVAILABLE" && typeof service === "string" && error.path!.length > 1) {
          unavailableByAlias.set(alias, [...(unavailableByAlias.get(alias) ?? []), { path: error.path!.slice(1), error: serviceUnavailable(service) }]);
        } else if (!errorsByAlias.has(alias)) errorsByAlias.set(alias, { message: error.message, code: error.extensions?.code, service });
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
          for (const waiter of entry.waiters) waiter.reject(notAvailable(`The gateway answered without data: ${reason}`));
        } else {
          const value = data[`a${i}`] ?? null;
          for (const waiter of entry.waiters) waiter.resolve(waiter.partial ? { value, unavailable: [] } : value);
        }
      });
    } catch (error) {
      const cellError = error instanceof GatewayUnavailable ? notAvailable(error.message) : notAvailable(`The gateway request failed: ${(error as Error).message}`);
      for (const entry of entries) for (const waiter of entry.waiters) waiter.reject(cellError);
    }
  }
}

/** The GraphQL type of each argument the functions pass, as a variable may declare it. */
const ARGUMENT_TYPES: Record<string, string> = { code: "ID!", provinceCode: "ID!", asOf: "Date!", from: "Date!", to: "Date!" };
const STRING_ARGUMENT = /\b(\w+): ("(?:[^"\\]|\\.)*")/g;

/**
 * The batch as one operation whose text names no region or date: literal arguments become variables (one per
 * distinct value) and the lookups are ordered by shape. The gateway plans an operation once per text, and
 * planning 200 lookups costs it three times their execution; this way a sheet recalculated over other regions
 * or another date reuses the plan of the last time.
 */
export function parameterize(unordered: Pending[]): { query: string; variables: Record<string, string>; entries: Pending[] } {
  const shape = (entry: Pending) => `${entry.root} { ${entry.selection} }`.replace(STRING_ARGUMENT, (_, name: string) => `${name}: ""`);
  const entries = unordered.map((entry) => ({ entry, shape: shape(entry) })).sort((a, b) => (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0)).map(({ entry }) => entry);
  const variables: Record<string, string> = {};
  const declarations: string[] = [];
  const names = new Map<string, string>();
  const withVariables = (text: string) =>
    text.replace(STRING_ARGUMENT, (literalArgument, name: string, value: string) => {
      const type = ARGUMENT_TYPES[name];
      if (!type) return literalArgument;
      const key = `${type}|${value}`;
      let variable = names.get(key);
      if (!variable) {
        variable = `v${names.size}`;
        names.set(key, variable);
        variables[variable] = JSON.parse(value) as string;
        declarations.push(`$${variable}: ${type}`);
      }
      return `${name}: $${variable}`;
    });
  const fields = entries.map((entry, i) => `a${i}: ${withVariables(entry.root)} { ${withVariables(entry.selection)} }`).join(" ");
  return { query: `query JskBatch${declarations.length ? `(${declarations.join(", ")})` : ""} { ${fields} }`, variables, entries };
}

/** A GraphQL string literal. */
export const literal = (value: string) => JSON.stringify(value);

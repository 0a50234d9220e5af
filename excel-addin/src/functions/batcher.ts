import { type GatewayConfig, GatewayUnavailable, postGraphQL } from "../shared/gateway";
import { invalidValue, notAvailable } from "./errors";

interface Pending {
  root: string;
  selection: string;
  waiters: { resolve(value: unknown): void; reject(error: Error): void }[];
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

  private async flush(): Promise<void> {
    this.timer = undefined;
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (let start = 0; start < entries.length; start += this.maxAliases) {
      await this.send(entries.slice(start, start + this.maxAliases));
    }
  }

  private async send(entries: Pending[]): Promise<void> {
    const query = `{ ${entries.map((entry, i) => `a${i}: ${entry.root} { ${entry.selection} }`).join(" ")} }`;
    try {
      const { data, errors } = await postGraphQL<Record<string, unknown>>(this.gateway(), query);
      const errorsByAlias = new Map<string, { message: string; code?: string }>();
      for (const error of errors ?? []) {
        const alias = typeof error.path?.[0] === "string" ? error.path[0] : undefined;
        if (alias && !errorsByAlias.has(alias)) errorsByAlias.set(alias, { message: error.message, code: error.extensions?.code });
      }
      entries.forEach((entry, i) => {
        const error = errorsByAlias.get(`a${i}`);
        if (error) {
          const cellError = error.code === "BAD_USER_INPUT" ? invalidValue(error.message) : notAvailable(error.message);
          for (const waiter of entry.waiters) waiter.reject(cellError);
        } else if (!data) {
          const reason = errors?.[0]?.message ?? "no data";
          for (const waiter of entry.waiters) waiter.reject(notAvailable(`The gateway answered without data: ${reason}`));
        } else {
          for (const waiter of entry.waiters) waiter.resolve(data[`a${i}`] ?? null);
        }
      });
    } catch (error) {
      const cellError = error instanceof GatewayUnavailable ? notAvailable(error.message) : notAvailable(`The gateway request failed: ${(error as Error).message}`);
      for (const entry of entries) for (const waiter of entry.waiters) waiter.reject(cellError);
    }
  }
}

/** A GraphQL string literal. */
export const literal = (value: string) => JSON.stringify(value);

import type { Logger } from "@cakupan/observability";
import { Client } from "pg";

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 1000;
const CHECK_TIMEOUT_MS = 5000;

export interface ListenerOptions {
  /** The database to listen to: always the primary (a replica delivers no notifications). */
  url: string | undefined;
  channel: string;
  /** Shown in pg_stat_activity and in the log lines. */
  name: string;
  log: Logger;
  onNotification(payload: string): void;
  /** LISTEN is in place; `again` after a gap, in which notifications may have been missed. */
  onListening?(again: boolean): void;
  /** The connection is gone: notifications are missed until onListening. */
  onLost?(): void;
  /** How often the connection itself is asked whether it still answers (a half-dead one is replaced). */
  checkEveryMs: number;
  /** After each check: true when the connection answered, so every notification up to now was heard. */
  onChecked?(answered: boolean): void;
}

/**
 * A dedicated connection that LISTENs on one channel for as long as the service runs, reconnecting for ever
 * after a drop, and asked at every interval whether it still answers. Notifications are delivered on commit
 * of the transaction that sent them, so a listener hears exactly what became visible.
 */
export function listenForever(options: ListenerOptions): { listening(): boolean; close(): Promise<void> } {
  const { log, name } = options;
  let listener: Client | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });

  const keepListening = async () => {
    let listenedBefore = false;
    let failures = 0;
    while (!closed) {
      const client = new Client({ connectionString: options.url, application_name: `cakupan-${name}` });
      const ended = new Promise<void>((resolve) => client.once("end", resolve));
      client.on("error", (error) => log.warn({ err: error }, `${name}: LISTEN connection failed`));
      client.on("notification", (message) => options.onNotification(message.payload ?? ""));
      try {
        await client.connect();
        await client.query(`LISTEN ${options.channel}`);
      } catch (error) {
        await client.end().catch(() => {});
        const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** failures);
        if (failures % 10 === 0)
          log.warn({ err: error, retryInMs: delay }, `${name}: cannot LISTEN; retrying`);
        failures += 1;
        await sleep(delay);
        continue;
      }
      if (closed) {
        // close() came while this connection was being opened: it could not end it.
        await client.end().catch(() => {});
        break;
      }
      listener = client;
      if (listenedBefore) log.info({ afterFailures: failures }, `${name}: listening again`);
      options.onListening?.(listenedBefore);
      listenedBefore = true;
      failures = 0;
      await ended;
      listener = undefined;
      options.onLost?.();
      if (!closed) log.warn(`${name}: LISTEN connection lost; reconnecting`);
    }
  };
  const running = keepListening();

  const check = setInterval(() => {
    const current = listener;
    if (!current) return options.onChecked?.(false);
    const late = new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS / 1000} s`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    );
    Promise.race([current.query("SELECT 1"), late]).then(
      () => options.onChecked?.(listener === current),
      (error: Error) => {
        options.onChecked?.(false);
        log.warn({ err: error }, `${name}: LISTEN connection does not answer; replacing it`);
        (
          current as unknown as { connection?: { stream?: { destroy(): void } } }
        ).connection?.stream?.destroy();
        current.end().catch(() => {});
      },
    );
  }, options.checkEveryMs);

  return {
    listening: () => listener !== undefined,
    close: async () => {
      closed = true;
      clearInterval(check);
      wake?.();
      await listener?.end().catch(() => {});
      await running;
    },
  };
}

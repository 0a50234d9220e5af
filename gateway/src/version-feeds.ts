import { SERVICE_ROUTES, serviceUrl } from "@cakupan/core";
import { readEventStream } from "./event-stream";

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 2000;
/**
 * A feed not heard from for this long is not trusted: the subgraph says "live" every second while its
 * LISTEN connection answers (VERSION_STREAM_LIVE_MS in kit), so three missed in a row mean the chain is broken.
 */
export const FEED_SILENT_AFTER_MS = 3000;

export interface PushedVersion {
  version: string;
  /** The primary's WAL position when the version was read. */
  position?: string;
}

export interface VersionFeed {
  /** The subgraph's data version as last pushed; undefined while the feed is down or silent. */
  current(): PushedVersion | undefined;
  close(): void;
}

/**
 * A subgraph's data version, pushed (GET /version/stream): held open for as long as the gateway runs and
 * reopened with backoff when it ends. While it is down or silent, current() is undefined and the response
 * cache asks GET /version before each answer instead, as it did before feeds existed.
 */
export function versionFeed(
  graphqlUrl: string,
  onChange: (state: "up" | "down", detail: string) => void = () => {},
): VersionFeed {
  const url = serviceUrl(graphqlUrl, SERVICE_ROUTES.versionStream);
  let latest: PushedVersion | undefined;
  let heardAt = 0;
  let failures = 0;
  let closed = false;
  let controller: AbortController | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    controller = new AbortController();
    const connectedAt = Date.now();
    let ended = "the stream ended";
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        headers: { accept: "text/event-stream" },
      });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      await readEventStream(response.body, {
        onEvent: (event) => {
          heardAt = Date.now();
          if (event.event !== "version") return;
          if (!latest) onChange("up", url);
          latest = JSON.parse(event.data) as PushedVersion;
        },
      });
    } catch (error) {
      // Down, refused (503: the subgraph is not listening to its database) or aborted: asked per request.
      ended = (error as Error).message;
    } finally {
      // A stream that had been up a while ended (its replica died or was restarted): reopened at once,
      // since every answer reads the versions from the subgraphs until it is back; through a load balancer
      // the new one reaches another replica. Backoff only for attempts that fail, or streams that end soon.
      const wasUp = latest !== undefined && Date.now() - connectedAt >= RECONNECT_MAX_MS;
      if (latest && !closed) onChange("down", ended);
      latest = undefined;
      if (!closed) {
        // The backoff starts again only after a stream that was up a while: one that pushes a version and
        // ends at once (a replica failing as it starts) must not be reopened every 100 ms.
        if (wasUp) failures = 0;
        const delay = wasUp ? 0 : Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** failures);
        if (!wasUp) failures += 1;
        retry = setTimeout(() => void connect(), delay);
        retry.unref();
      }
    }
  };
  void connect();

  return {
    current: () => (latest && Date.now() - heardAt < FEED_SILENT_AFTER_MS ? latest : undefined),
    close: () => {
      closed = true;
      clearTimeout(retry);
      controller?.abort();
    },
  };
}

import { GATEWAY_ROUTES, serviceUrl } from "@cakupan/core";
import { createParser } from "eventsource-parser";
import type { GatewayConfig } from "../shared/gateway";
import { type RegencyEntry, regencyLabel } from "./directory";
import { CellError, notAvailable } from "./errors";
import { type Jsk, type LiveMetric, metricOf } from "./jsk";

interface Subscription {
  regency: RegencyEntry;
  metric: LiveMetric;
  onValue(value: number): void;
  onError(error: CellError): void;
  last?: number;
}

/** Until the gateway says its interval, the one the stack uses by default. */
const DEFAULT_HEARTBEAT_MS = 15_000;
/** Heartbeats missed, in intervals, before LIVE cells say their figure may be stale. */
const MISSED_INTERVALS = 2.5;

/**
 * One update channel for every LIVE cell: a single event stream from the gateway says which regencies
 * changed; only the cells showing those are refetched, together, through the batcher. No cell polls.
 * The stream's heartbeats say the chain from the database is listening: when they stop, every LIVE cell
 * shows #N/A saying since when its figure may be stale; when they resume, every cell is refetched.
 */
export class LiveHub {
  private subscriptions = new Set<Subscription>();
  private stream: AbortController | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private lastHeard = Date.now();
  /** Since when the cells show stale, while they do. */
  private staleSince: number | undefined;

  constructor(
    private readonly jsk: Jsk,
    private readonly gateway: () => GatewayConfig,
    private readonly retryMs = 2000,
  ) {}

  get size(): number {
    return this.subscriptions.size;
  }

  subscribe(
    regency: RegencyEntry,
    metric: LiveMetric,
    onValue: (value: number) => void,
    onError: (error: CellError) => void,
  ): () => void {
    const subscription = { regency, metric, onValue, onError };
    this.subscriptions.add(subscription);
    void this.refresh([subscription]);
    this.open();
    return () => {
      this.subscriptions.delete(subscription);
      if (this.subscriptions.size === 0) this.close();
    };
  }

  private async refresh(subscriptions: Subscription[]): Promise<void> {
    await Promise.all(
      subscriptions.map(async (s) => {
        try {
          const coverage = await this.jsk.coverageOf(s.regency, null);
          if (!coverage) throw notAvailable(`No coverage report for ${regencyLabel(s.regency)} yet.`);
          const value = metricOf(coverage, s.metric, regencyLabel(s.regency));
          s.last = value;
          if (this.subscriptions.has(s)) s.onValue(value);
        } catch (error) {
          if (this.subscriptions.has(s))
            s.onError(error instanceof CellError ? error : notAvailable((error as Error).message));
        }
      }),
    );
  }

  private changed(regencyCode: string): void {
    void this.refresh(
      [...this.subscriptions].filter((s) => regencyCode === "*" || s.regency.code === regencyCode),
    );
  }

  private open(): void {
    if (this.stream) return;
    const controller = new AbortController();
    this.stream = controller;
    if (this.staleSince === undefined) {
      this.lastHeard = Date.now();
      this.watchHeartbeat();
    }
    const { url, token, fetch: doFetch = fetch } = this.gateway();
    const eventsUrl = serviceUrl(url, GATEWAY_ROUTES.liveCoverage);
    void (async () => {
      try {
        const response = await doFetch(eventsUrl, {
          signal: controller.signal,
          headers: { accept: "text/event-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        const parser = createParser({
          onEvent: (event) => {
            if (event.event === "heartbeat") return this.heard(event.data);
            if (event.event !== "coverage") return;
            try {
              this.changed((JSON.parse(event.data) as { regencyCode: string }).regencyCode);
            } catch {
              // an event this version does not understand
            }
          },
        });
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // the gateway restarted or the network dropped: reconnect below, and refetch what may have changed
      } finally {
        if (this.stream === controller) this.stream = undefined;
        if (!controller.signal.aborted && this.subscriptions.size > 0) {
          this.retry = setTimeout(() => {
            this.open();
            void this.refresh([...this.subscriptions]);
          }, this.retryMs);
        }
      }
    })();
  }

  /** A heartbeat: live again; if the cells showed stale, refetch them all (changes may have been missed). */
  private heard(data: string): void {
    try {
      this.heartbeatMs =
        Number((JSON.parse(data) as { intervalMs?: number }).intervalMs) || DEFAULT_HEARTBEAT_MS;
    } catch {
      // keep the interval known so far
    }
    this.lastHeard = Date.now();
    this.watchHeartbeat();
    if (this.staleSince !== undefined) {
      this.staleSince = undefined;
      void this.refresh([...this.subscriptions]);
    }
  }

  private watchHeartbeat(): void {
    clearTimeout(this.staleTimer);
    if (this.subscriptions.size === 0) return;
    const due = this.lastHeard + this.heartbeatMs * MISSED_INTERVALS - Date.now();
    this.staleTimer = setTimeout(() => this.markStale(), Math.max(0, due));
  }

  private markStale(): void {
    if (this.staleSince !== undefined || this.subscriptions.size === 0) return;
    this.staleSince = this.lastHeard;
    const since = new Date(this.lastHeard).toLocaleTimeString("en-GB", { hour12: false });
    for (const s of this.subscriptions) {
      const last = s.last === undefined ? "" : ` (last value ${s.last})`;
      s.onError(
        notAvailable(`Live updates stopped at ${since}: this figure${last} may be stale. Reconnecting...`),
      );
    }
  }

  close(): void {
    clearTimeout(this.staleTimer);
    this.staleSince = undefined;
    clearTimeout(this.retry);
    this.stream?.abort();
    this.stream = undefined;
  }
}

import { GATEWAY_ROUTES, serviceUrl } from "@cakupan/core";
import { createParser } from "eventsource-parser";
import type { GatewayConfig } from "../shared/gateway";
import type { RegencyEntry } from "./directory";
import { CellError, notAvailable } from "./errors";
import { type Jsk, type LiveMetric, metricOf } from "./jsk";

interface Subscription {
  regency: RegencyEntry;
  metric: LiveMetric;
  onValue(value: number): void;
  onError(error: CellError): void;
}

/**
 * One update channel for every LIVE cell: a single event stream from the gateway says which regencies
 * changed; only the cells showing those are refetched, together, through the batcher. No cell polls.
 */
export class LiveHub {
  private subscriptions = new Set<Subscription>();
  private stream: AbortController | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly jsk: Jsk,
    private readonly gateway: () => GatewayConfig,
    private readonly retryMs = 2000,
  ) {}

  get size(): number {
    return this.subscriptions.size;
  }

  subscribe(regency: RegencyEntry, metric: LiveMetric, onValue: (value: number) => void, onError: (error: CellError) => void): () => void {
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
          if (!coverage) throw notAvailable(`No coverage report for ${s.regency.shortName} yet.`);
          if (this.subscriptions.has(s)) s.onValue(metricOf(coverage, s.metric, s.regency.shortName));
        } catch (error) {
          if (this.subscriptions.has(s)) s.onError(error instanceof CellError ? error : notAvailable((error as Error).message));
        }
      }),
    );
  }

  private changed(regencyCode: string): void {
    void this.refresh([...this.subscriptions].filter((s) => regencyCode === "*" || s.regency.code === regencyCode));
  }

  private open(): void {
    if (this.stream) return;
    const controller = new AbortController();
    this.stream = controller;
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

  close(): void {
    clearTimeout(this.retry);
    this.stream?.abort();
    this.stream = undefined;
  }
}

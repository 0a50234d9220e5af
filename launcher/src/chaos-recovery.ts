/** How cluster:chaos reads recovery from the answers counted in 1 s windows after a kill. */

/**
 * The index of the first window from which every window to the end answers at least `threshold` (0: it never
 * fell below), or undefined when the last window is still below it (not back within the run).
 */
export function backFromWindow(windows: number[], threshold: number): number | undefined {
  let back: number | undefined;
  for (let k = windows.length - 1; k >= 0 && windows[k] >= threshold; k--) back = k;
  return back;
}

/** The value below which a share p (0..1) of the values lie (nearest rank); undefined for no values. */
export function percentile(values: number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export interface TimedOutcome {
  startedAt: number;
  endedAt: number;
  ok: boolean;
}

/**
 * Latency p50 / p99 (ms) of the requests sent (due, in an open loop) in each 1 s window from `from`, answered
 * or not (a lost request counts with the time it took to fail), and how many were sent in it.
 */
export function latencyPerWindow(
  outcomes: TimedOutcome[],
  from: number,
  windows: number,
): { sent: number; p50?: number; p99?: number }[] {
  const latencies: number[][] = Array.from({ length: windows }, () => []);
  for (const o of outcomes) {
    const window = Math.floor((o.startedAt - from) / 1000);
    if (window >= 0 && window < windows) latencies[window].push(o.endedAt - o.startedAt);
  }
  return latencies.map((values) => ({
    sent: values.length,
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
  }));
}

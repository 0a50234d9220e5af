import {
  BrokenCircuitError,
  CircuitState,
  circuitBreaker,
  ConsecutiveBreaker,
  ConstantBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
} from "cockatiel";
import type { OperationTypeNode } from "graphql";

/**
 * How the gateway treats one subgraph that fails: a timeout of its own, one retry of a query whose
 * connection failed (never of a mutation: it may have been applied), and a circuit that, after
 * consecutive failures, fails fast instead of asking a dead service, then lets one probe through
 * every `halfOpenAfterMs` until the service answers again.
 */
export interface UpstreamOptions {
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  breakerFailures?: number;
  /** How long an open circuit waits before letting one probe request through. */
  halfOpenAfterMs?: number;
}

export const DEFAULT_BREAKER_FAILURES = 3;
export const DEFAULT_HALF_OPEN_AFTER_MS = 1000;

export type OutageReason = "UNREACHABLE" | "TIMEOUT" | "CIRCUIT_OPEN" | "HTTP_ERROR";

/** The subgraph could not answer; carries what an operator needs (the cause) apart from what a client sees. */
export class SubgraphUnavailable extends Error {
  override name = "SubgraphUnavailable";

  constructor(
    readonly serviceName: string,
    readonly reason: OutageReason,
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    super(`${serviceName} unavailable (${reason})${cause instanceof Error ? `: ${cause.message}` : ""}`, {
      cause,
    });
  }

  /** What a client reads: names the service, never its address. */
  clientMessage(kind: OperationTypeNode | "unknown"): string {
    const why = {
      UNREACHABLE: `the ${this.serviceName} service is not reachable`,
      TIMEOUT: `the ${this.serviceName} service did not answer within ${this.timeoutMs} ms`,
      CIRCUIT_OPEN: `the ${this.serviceName} service is failing; the gateway checks it again every few seconds`,
      HTTP_ERROR: `the ${this.serviceName} service answered with a server error`,
    }[this.reason];
    const consequence =
      kind === "mutation"
        ? this.reason === "TIMEOUT"
          ? "The change may or may not have been applied: check before sending it again."
          : "Nothing was changed: send it again shortly."
        : "Its fields are null in this answer: ask again shortly.";
    return `${this.serviceName} unavailable: ${why}. ${consequence}`;
  }
}

/** Node's and undici's codes for a connection that could not be made or broke before an answer. */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
]);

export function isConnectionError(error: unknown): boolean {
  for (
    let current = error as { code?: string; cause?: unknown } | undefined;
    current;
    current = current.cause as never
  ) {
    if (current.code && CONNECTION_ERROR_CODES.has(current.code)) return true;
  }
  return false;
}

function isTimeout(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  return (
    error instanceof TaskCancelledError ||
    name === "TimeoutError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT"
  );
}

/** Thrown inside the policy for a 502/503/504, so that it counts against the circuit. */
export class UpstreamHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface UpstreamEvents {
  onCircuitState?(serviceName: string, state: "closed" | "open" | "half-open"): void;
  onRetry?(serviceName: string, error: unknown): void;
}

export interface Upstream {
  /** Runs one HTTP exchange with the subgraph under its timeout, retry and circuit; throws SubgraphUnavailable. */
  execute<T>(kind: OperationTypeNode | "unknown", work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  state(): "closed" | "open" | "half-open";
}

const STATE_NAMES: Record<CircuitState, "closed" | "open" | "half-open"> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "open",
};

export function upstream(
  serviceName: string,
  options: UpstreamOptions,
  events: UpstreamEvents = {},
): Upstream {
  const isOutage = (error: unknown) =>
    isConnectionError(error) || isTimeout(error) || error instanceof UpstreamHttpError;
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.halfOpenAfterMs ?? DEFAULT_HALF_OPEN_AFTER_MS,
    breaker: new ConsecutiveBreaker(options.breakerFailures ?? DEFAULT_BREAKER_FAILURES),
  });
  breaker.onStateChange((state) => events.onCircuitState?.(serviceName, STATE_NAMES[state]));
  // An exchange that returned has read its whole answer: nothing is left to abort. Aborting it anyway (the
  // default) made a DOMException, with its stack, for every subgraph fetch.
  const limit = timeout(options.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
  // A kept-alive connection the subgraph closed a moment ago, or a restart in progress: one more try,
  // soon, then give up. A circuit already open is not retried: failing fast is its point.
  const retryOnce = retry(handleWhen(isConnectionError), {
    maxAttempts: 1,
    backoff: new ConstantBackoff(100),
  });
  retryOnce.onRetry((reason) =>
    events.onRetry?.(serviceName, "error" in reason ? reason.error : reason.value),
  );

  const classify = (error: unknown): never => {
    if (error instanceof SubgraphUnavailable) throw error;
    if (error instanceof BrokenCircuitError)
      throw new SubgraphUnavailable(serviceName, "CIRCUIT_OPEN", options.timeoutMs, error);
    if (isTimeout(error)) throw new SubgraphUnavailable(serviceName, "TIMEOUT", options.timeoutMs, error);
    if (isConnectionError(error))
      throw new SubgraphUnavailable(serviceName, "UNREACHABLE", options.timeoutMs, error);
    if (error instanceof UpstreamHttpError)
      throw new SubgraphUnavailable(serviceName, "HTTP_ERROR", options.timeoutMs, error);
    throw error;
  };

  return {
    execute: (kind, work) => {
      // The timeout aborts the exchange's signal, which the exchange reports as its own abort: named here.
      const timed = ({ signal }: { signal: AbortSignal }) =>
        work(signal).catch((error: unknown) => {
          throw signal.aborted ? new TaskCancelledError(`no answer within ${options.timeoutMs} ms`) : error;
        });
      const once = () => breaker.execute(() => limit.execute(timed));
      return (kind === "query" ? retryOnce.execute(once) : once()).catch(classify);
    },
    state: () => STATE_NAMES[breaker.state],
  };
}

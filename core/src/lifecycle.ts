import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SERVICE_ROUTES } from "./routes";
import { WARM_UP_ENV, WARM_UP_TOKEN_ENV, type WarmUp, type WarmUpResult } from "./warm-up";

/** A service listening: the gateway or a subgraph. */
export interface RunningServer {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A spare (see launcher's Supervisor): a process of a service booted ahead of need, which does everything a
 * start does (modules, schema, plans, connections) but listen, and waits on its IPC channel until its
 * supervisor says the process it stands in for has died. It then listens on the same port as soon as that
 * port is free again. Set by the supervisor only, with an IPC channel; without one it is ignored.
 */
export const STANDBY_ENV = "CAKUPAN_STANDBY";
/** The messages between a spare and its supervisor. */
export const STANDBY_MESSAGES = {
  /** From the spare: booted, waiting to be told to serve. */
  standingBy: "cakupan:standing-by",
  /** From the supervisor: the part it stands in for died; listen. */
  serve: "cakupan:serve",
  /** From the spare: listening on the part's port. */
  serving: "cakupan:serving",
  /** From the spare: warming up on a private port (its request logs are the warm-up's, not clients'). */
  warming: "cakupan:warming",
  /** From the spare: warm-up done; sent as `{ type: warmedUp, sent, failed, ms }` before standingBy. */
  warmedUp: "cakupan:warmed-up",
} as const;

/** The message a spare sends when its warm-up is done. */
export interface WarmedUpMessage extends WarmUpResult {
  type: typeof STANDBY_MESSAGES.warmedUp;
  ms: number;
}
/** A killed process's listening socket stays bound until its memory is torn down (0.04-0.28 s measured). */
const PORT_FREE_TIMEOUT_MS = 10_000;
const PORT_RETRY_MS = 5;

export interface ListenOptions {
  /**
   * What a spare told to warm up (WARM_UP_ENV, set by its supervisor) sends itself on a private loopback port
   * before it stands by. Never for a process that is not a spare.
   */
  warmUp?: WarmUp;
}

/**
 * Listens on the port; a spare first warms up (ListenOptions.warmUp), then waits until its supervisor says to
 * serve, then for the port to be free.
 */
export async function listen(
  server: Server,
  port: number,
  host: string,
  options: ListenOptions = {},
): Promise<number> {
  if (process.env[STANDBY_ENV] !== "1" || !process.send) return listenOnce(server, port, host);
  const told = toldToServe();
  if (options.warmUp && process.env[WARM_UP_ENV] === "1") await warmUpPrivately(server, options.warmUp, told);
  process.send(STANDBY_MESSAGES.standingBy);
  await told.serve;
  const deadline = Date.now() + PORT_FREE_TIMEOUT_MS;
  for (;;) {
    try {
      const bound = await listenOnce(server, port, host);
      process.send?.(STANDBY_MESSAGES.serving);
      // From now on it is the part itself: its channel keeps it alive no longer.
      process.channel?.unref();
      return bound;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, PORT_RETRY_MS));
    }
  }
}

/** Resolves when the supervisor says to serve; listened for from the start, so a warm-up can be cut short. */
function toldToServe(): { serve: Promise<void> } {
  const serve = new Promise<void>((resolve) => {
    // A supervisor gone while this waits leaves it standing in for nothing.
    const orphaned = () => process.exit(0);
    const onMessage = (message: unknown) => {
      if (message !== STANDBY_MESSAGES.serve) return;
      process.off("message", onMessage);
      process.off("disconnect", orphaned);
      resolve();
    };
    process.on("message", onMessage);
    process.once("disconnect", orphaned);
  });
  return { serve };
}

/**
 * Serves the warm-up on an ephemeral loopback port, then closes that port again (and every connection the
 * warm-up kept alive): the server listens on its own port only once told to serve. Told to serve meanwhile
 * (the part died while its spare warmed up), it stops the warm-up at once.
 */
async function warmUpPrivately(
  server: Server,
  warmUp: WarmUp,
  told: { serve: Promise<void> },
): Promise<void> {
  const controller = new AbortController();
  void told.serve.then(() => controller.abort());
  process.send?.(STANDBY_MESSAGES.warming);
  const startedAt = Date.now();
  const port = await listenOnce(server, 0, "127.0.0.1");
  // Each warm-up request on a connection of its own, as behind the load balancer (one connection a request to
  // a gateway): accepting and setting up a connection is on the request path too.
  const connectionPerRequest = (_request: IncomingMessage, response: ServerResponse) => {
    response.shouldKeepAlive = false;
  };
  server.prependListener("request", connectionPerRequest);
  const result = await warmUp({
    url: `http://127.0.0.1:${port}${SERVICE_ROUTES.graphql}`,
    bearer: process.env[WARM_UP_TOKEN_ENV] || undefined,
    signal: controller.signal,
  }).finally(
    () =>
      new Promise<void>((resolve) => {
        server.off("request", connectionPerRequest);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const message: WarmedUpMessage = { type: STANDBY_MESSAGES.warmedUp, ...result, ms: Date.now() - startedAt };
  process.send?.(message);
}

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops cleanly on SIGINT/SIGTERM (Ctrl-C, orchestrators); a second signal forces the exit. */
export function stopOnSignals(stop: () => Promise<void>, log: (message: string) => void = console.log): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    log(`${signal}: stopping`);
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

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
} as const;
/** A killed process's listening socket stays bound until its memory is torn down (0.04-0.28 s measured). */
const PORT_FREE_TIMEOUT_MS = 10_000;
const PORT_RETRY_MS = 5;

/** Listens on the port; a spare first waits until its supervisor says to serve, then for the port to be free. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  if (process.env[STANDBY_ENV] !== "1" || !process.send) return listenOnce(server, port, host);
  await standBy();
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

function standBy(): Promise<void> {
  return new Promise((resolve) => {
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
    process.send!(STANDBY_MESSAGES.standingBy);
  });
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

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A service listening: the gateway or a subgraph. */
export interface RunningServer {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
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

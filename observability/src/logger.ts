import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** The longest a line waits in the block being gathered. */
const FLUSH_EVERY_MS = 250;

/**
 * Structured JSON lines (pino) for log collectors; readable lines when a person watches a terminal.
 * LOG_LEVEL (default info) and LOG_FORMAT (json | pretty; default pretty only when stdout is a terminal).
 */
export function createLogger(
  service: string,
  output: { destination?: DestinationStream; level?: string } = {},
): Logger {
  const { destination } = output;
  const options = {
    level: output.level ?? (process.env.LOG_LEVEL || "info"),
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  const format = process.env.LOG_FORMAT || (process.stdout.isTTY ? "pretty" : "json");
  if (format === "pretty") {
    return pino(
      options,
      pretty({
        translateTime: "SYS:HH:MM:ss.l",
        ignore: "pid,hostname",
        messageFormat: "{service}: {msg}",
        sync: true,
      }),
    );
  }
  // Written asynchronously and in blocks: lines wait until 4 KiB of them (about ten requests' lines) or a
  // quarter of a second has gathered, so a busy service makes one write a block rather than one a request (a
  // write cost the gateway about 30 us a request, 5 % of an uncached one). The request never waits for the
  // disk; pino writes what is left when the process exits.
  return pino(
    options,
    pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: FLUSH_EVERY_MS }),
  );
}

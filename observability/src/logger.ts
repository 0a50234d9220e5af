import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

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
  // Written asynchronously: under load, lines that queue while one write is under way go out together, and
  // the request does not wait for the disk. pino flushes what is left when the process exits.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

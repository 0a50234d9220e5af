import { Presets, SingleBar } from "cli-progress";

export interface ProgressTask {
  advance(count: number): void;
  done(): void;
}

export interface Progress {
  start(label: string, total: number): ProgressTask;
}

/** A bar per task on a terminal; one line per finished task elsewhere (CI logs, npm start piped). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return {
    start(label, total) {
      const started = Date.now();
      const summary = () =>
        `${label}: ${total.toLocaleString("en")} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (!stream.isTTY) {
        return { advance() {}, done: () => stream.write(`  ${summary()}\n`) };
      }
      const bar = new SingleBar(
        { format: `  {bar} {percentage}% | {value}/{total} ${label}`, stream, hideCursor: true },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        advance: (count) => bar.increment(count),
        done: () => bar.stop(),
      };
    },
  };
}

export const silentProgress: Progress = { start: () => ({ advance() {}, done() {} }) };

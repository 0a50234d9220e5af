import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { createInterface } from "node:readline";
import { STANDBY_ENV, STANDBY_MESSAGES, WARM_UP_ENV, type WarmedUpMessage } from "@cakupan/core";
import type { Logger } from "@cakupan/observability";
import { readProcStat } from "./cluster-cpu";

/** One service of the stack, run as its own process exactly as it is deployed. */
export interface PartSpec {
  name: string;
  /** The service's main.js. */
  script: string;
  env: Record<string, string>;
  /** GET it until it answers 200: the part is ready. */
  readyUrl: string;
  /** Restarting it is pointless while PostgreSQL is away: it would only fail to open its database. */
  needsDatabase?: boolean;
  /**
   * What a restart changes in `env`: work the first start did once for every replica (seeding) is not
   * repeated by its replacement.
   */
  restartEnv?: Record<string, string>;
  /**
   * What each spare of the part gets in its environment besides `env`, asked for when the spare starts (so a
   * token in it is minted then, not when the stack started).
   */
  spareEnv?: () => Promise<Record<string, string>>;
}

export interface SupervisorOptions {
  log: Logger;
  /** Whether PostgreSQL answers now; parts that need it are restarted only once it does. */
  databaseAnswers?: () => Promise<boolean>;
  /** Exits within `stableAfterMs` of a start, `crashLoopRestarts` times in a row, stop the stack. */
  crashLoopRestarts?: number;
  stableAfterMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  readyTimeoutMs?: number;
  /**
   * A part restarted after an exit boots at this nice value (0-19), and is raised back to the supervisor's
   * own priority once ready: on a machine whose cores the other replicas keep busy, booting a Node service
   * (loading modules, building the schema) would otherwise take their CPU just when they carry the dead
   * part's share. Linux only, and only when the supervisor may raise a priority again (root, or
   * RLIMIT_NICE); else restarts boot at normal priority. Unset: no change.
   */
  restartNice?: number;
  /**
   * A restarted part also boots under SCHED_IDLE (Linux, through chrt(1)), until ready: it then runs only
   * on CPU time no other process wants, and every other process waking up takes the CPU from it at once,
   * which nice 19 alone does not do (EEVDF lets a running task finish its slice first). Needs the same
   * rights as `restartNice` to be raised back; without chrt, restarts boot at `restartNice` alone.
   */
  restartIdle?: boolean;
  /** A restarted part still not ready after this long (default 30 s) leaves SCHED_IDLE (keeping `restartNice`). */
  restartIdleMs?: number;
  /**
   * Every part starts with NODE_COMPILE_CACHE set to this directory (created if missing): on Node ≥ 22.1 the
   * first start writes V8's compiled code of every module it loads there, and a replacement reads it back
   * instead of compiling again (compiling modules was the largest part of a gateway's boot CPU: README,
   * Scaling out). Node 20 ignores the variable; the `v8-compile-cache` require hook, its only alternative
   * there, fails on our dependencies that are ES modules loaded through require (jose). Unset: no cache.
   */
  compileCacheDir?: string;
  /**
   * Every part keeps a spare: a second process of it, booted ahead of need (at the restart priority) and
   * waiting without listening (@cakupan/core's listen, STANDBY_ENV). When the part exits, the spare listens on
   * its port as soon as the port is free (tenths of a second) instead of a replacement booting then, which
   * on a machine busy serving took 3-12 s (README, Scaling out); a new spare boots at low priority once the
   * part has run `stableAfterMs`. Only for a first exit after a stable run: a crash loop restarts as without
   * spares, with its backoff.
   */
  spares?: boolean;
  /**
   * A spare warms up before it stands by (WARM_UP_ENV): it serves its part's requests to itself on a private
   * loopback port (@cakupan/core's listen, for parts that have a warm-up), its request logs muted meanwhile.
   */
  warmUpSpares?: boolean;
  /** Called when a spare that took over listens on its part's port; `warm`: it finished a warm-up first. */
  onSpareServing?: (part: string, warm: boolean) => void;
  /** Called once when the stack must stop (a crash loop); says which part and why. */
  onGiveUp(reason: string): void;
}

interface Part {
  spec: PartSpec;
  process?: ChildProcess;
  startedAt: number;
  /** Consecutive exits that came soon after a start. */
  quickExits: number;
  /** The last lines the part wrote, to say why it exited. */
  lastLines: string[];
  restarting?: NodeJS.Timeout;
  spare?: Spare;
  /** A spare that exited is started again after a while. */
  spareRespawn?: NodeJS.Timeout;
  /** Its next spare's environment is being made (SupervisorOptions.spareEnv). */
  spareStarting?: boolean;
}

/** A process of a part booted ahead of need: see SupervisorOptions.spares. */
interface Spare {
  process: ChildProcess;
  lines: string[];
  /** Booted and waiting to be told to serve. */
  standingBy: boolean;
  /** Told to replace the part before it stood by: it serves as soon as it does. */
  promoted: boolean;
  /** Warming up on its private port: its request log lines are not forwarded. */
  warming: boolean;
  /** Finished a warm-up. */
  warm: boolean;
  /** Told to serve already. */
  told: boolean;
}

const LAST_LINES = 30;

/**
 * `npm start`'s supervisor: runs each part as a child process, forwards its log lines, and restarts a part
 * that exits without being asked (a crash, kill -9, SIGTERM from outside), with exponential backoff and the
 * cause logged; the other parts keep running. Only a crash loop (a part exiting soon after each of
 * `crashLoopRestarts` starts) gives up, naming the part and its last error. While PostgreSQL does not answer,
 * parts that need it are not restarted into certain failure: they wait for it, and that is not a crash.
 */
export class Supervisor {
  private readonly parts = new Map<string, Part>();
  private stopping = false;
  private gaveUp: string | undefined;
  private readonly options: Required<
    Omit<
      SupervisorOptions,
      | "databaseAnswers"
      | "restartNice"
      | "restartIdle"
      | "compileCacheDir"
      | "spares"
      | "warmUpSpares"
      | "onSpareServing"
    >
  > &
    Pick<
      SupervisorOptions,
      "databaseAnswers" | "compileCacheDir" | "spares" | "warmUpSpares" | "onSpareServing"
    >;
  /** How restarts boot, when they can be raised back to normal afterwards; undefined: normal. */
  private readonly restartPriority: BootPriority | undefined;

  constructor(options: SupervisorOptions) {
    this.options = {
      crashLoopRestarts: 5,
      stableAfterMs: 30_000,
      firstBackoffMs: 250,
      maxBackoffMs: 10_000,
      readyTimeoutMs: 120_000,
      restartIdleMs: 30_000,
      ...options,
    };
    if (options.compileCacheDir) mkdirSync(options.compileCacheDir, { recursive: true });
    const nice = options.restartNice !== undefined && options.restartNice > getPriority();
    const idle = options.restartIdle === true && process.platform === "linux";
    if (idle && !chrtAvailable())
      options.log.warn(`restarted parts boot without SCHED_IDLE: chrt (util-linux) is not installed`);
    const priority: BootPriority = {
      nice: nice ? options.restartNice : undefined,
      idle: idle && chrtAvailable(),
    };
    if (priority.nice !== undefined || priority.idle) {
      if (mayRaisePriorityTo(getPriority())) this.restartPriority = priority;
      else
        options.log.warn(
          `restarted parts boot at normal priority: this process may not raise a priority back (run as root or raise RLIMIT_NICE)`,
        );
    }
  }

  /** Starts a part and resolves when it is ready; rejects if it exits first or is not ready in time. */
  async start(spec: PartSpec): Promise<void> {
    const part: Part = { spec, startedAt: 0, quickExits: 0, lastLines: [] };
    this.parts.set(spec.name, part);
    this.spawn(part);
    // A part that exits while starting is restarted like any other; start-up waits through that.
    const deadline = Date.now() + this.options.readyTimeoutMs;
    for (;;) {
      if (this.gaveUp) throw new Error(this.gaveUp);
      if (Date.now() > deadline)
        throw new Error(
          `${spec.name} was not ready after ${this.options.readyTimeoutMs / 1000} s (${spec.readyUrl})`,
        );
      if (part.process && (await answers(spec.readyUrl))) {
        if (this.options.spares) this.startSpare(part);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Resolves once every part started so far has a spare standing by (SupervisorOptions.spares); at once without. */
  async sparesStandingBy(timeoutMs = this.options.readyTimeoutMs): Promise<void> {
    if (!this.options.spares) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.gaveUp) throw new Error(this.gaveUp);
      const waiting = [...this.parts.values()].filter((part) => !part.spare?.standingBy);
      if (!waiting.length) return;
      if (Date.now() > deadline)
        throw new Error(
          `no spare stood by after ${timeoutMs / 1000} s for ${waiting.map((part) => part.spec.name).join(", ")}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  pid(name: string): number | undefined {
    return this.parts.get(name)?.process?.pid;
  }

  /** The pid of the part's spare, while it has one. */
  sparePid(name: string): number | undefined {
    return this.parts.get(name)?.spare?.process.pid;
  }

  /** Stops every part, the last started first (the gateway before the subgraphs it asks). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const part of [...this.parts.values()].reverse()) {
      clearTimeout(part.restarting);
      clearTimeout(part.spareRespawn);
      await Promise.all([stopProcess(part.spare?.process), stopProcess(part.process)]);
    }
  }

  private spawn(part: Part, restart = false): void {
    const { spec } = part;
    const priority = restart ? this.restartPriority : undefined;
    part.lastLines = [];
    const child = this.spawnChild(spec, { priority, restart, lines: part.lastLines, spare: false });
    part.process = child;
    part.startedAt = Date.now();
    this.options.log.info(
      { part: spec.name, childPid: child.pid, nice: priority?.nice, idle: priority?.idle },
      `${spec.name} started (pid ${child.pid}${lowPriority(priority)})`,
    );
    this.watchExit(part, child);
  }

  /** A process of the part, its output forwarded and its last lines kept in `lines`. */
  private spawnChild(
    spec: PartSpec,
    how: {
      priority: BootPriority | undefined;
      restart: boolean;
      lines: string[];
      spare: boolean;
      spareEnv?: Record<string, string>;
      /** While true, only warnings and errors of its stdout are forwarded (all are kept in `lines`). */
      muted?: () => boolean;
    },
  ): ChildProcess {
    const { priority, lines } = how;
    // Through nice(1) and chrt(1), so that every thread of the process (V8's compiler and GC threads too)
    // starts low.
    let commandLine = [process.execPath, spec.script];
    if (priority?.nice !== undefined)
      commandLine = ["nice", "-n", String(priority.nice - getPriority()), ...commandLine];
    if (priority?.idle) commandLine = ["chrt", "--idle", "0", ...commandLine];
    const [command, ...args] = commandLine;
    const child = spawn(command, args, {
      env: {
        ...process.env,
        // The parts' stdout is a pipe to here: they write for a terminal when ours is one.
        ...(process.stdout.isTTY && !process.env.LOG_FORMAT ? { LOG_FORMAT: "pretty" } : {}),
        ...(this.options.compileCacheDir ? { NODE_COMPILE_CACHE: this.options.compileCacheDir } : {}),
        ...spec.env,
        ...(how.restart ? spec.restartEnv : {}),
        ...(how.spare ? { [STANDBY_ENV]: "1", ...how.spareEnv } : {}),
      },
      // A spare is told through its IPC channel when to serve (nice and chrt exec, so it is inherited).
      stdio: how.spare ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    });
    const keep = (line: string) => {
      lines.push(line);
      if (lines.length > LAST_LINES) lines.shift();
    };
    createInterface({ input: child.stdout! }).on("line", (line) => {
      keep(line);
      if (!how.muted?.() || isWarningOrWorse(line)) process.stdout.write(`${line}\n`);
    });
    createInterface({ input: child.stderr! }).on("line", (line) => {
      keep(line);
      process.stderr.write(`${line}\n`);
    });
    return child;
  }

  /** An exit of the part's process is a crash to handle; an exit of its spare only costs the spare. */
  private watchExit(part: Part, child: ChildProcess): void {
    child.on("exit", (code, signal) => {
      if (part.process === child) {
        part.process = undefined;
        if (!this.stopping) void this.exitedUnexpectedly(part, code, signal);
      } else if (part.spare?.process === child) {
        const { lines } = part.spare;
        part.spare = undefined;
        if (this.stopping) return;
        const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
        const lastError = lastErrorOf(lines);
        this.options.log.warn(
          { part: part.spec.name, restartInMs: this.options.maxBackoffMs },
          `${part.spec.name}'s spare ${how}${lastError ? ` (last error: ${lastError})` : ""}; another in ${this.options.maxBackoffMs} ms`,
        );
        part.spareRespawn = setTimeout(() => this.startSpare(part), this.options.maxBackoffMs);
      }
    });
  }

  /**
   * Boots a spare of the part at the restart priority; it warms up (SupervisorOptions.warmUpSpares), then
   * waits there until the part exits.
   */
  private startSpare(part: Part): void {
    if (this.stopping || part.spare || part.spareStarting) return;
    clearTimeout(part.spareRespawn);
    part.spareRespawn = undefined;
    const { spec } = part;
    part.spareStarting = true;
    void (spec.spareEnv?.() ?? Promise.resolve({})).then(
      (env) => {
        part.spareStarting = false;
        this.spawnSpare(part, env);
      },
      (error: Error) => {
        part.spareStarting = false;
        this.options.log.error({ part: spec.name, err: error }, `${spec.name}'s spare: ${error.message}`);
        this.spawnSpare(part, {});
      },
    );
  }

  private spawnSpare(part: Part, env: Record<string, string>): void {
    if (this.stopping || part.spare) return;
    const { spec } = part;
    const lines: string[] = [];
    const priority = this.restartPriority;
    const child = this.spawnChild(spec, {
      priority,
      restart: true,
      lines,
      spare: true,
      spareEnv: { ...env, ...(this.options.warmUpSpares ? { [WARM_UP_ENV]: "1" } : {}) },
      // Asked only for its output's lines, which come after the spare below is made.
      muted: () => spare.warming,
    });
    const spare: Spare = {
      process: child,
      lines,
      standingBy: false,
      promoted: false,
      warming: false,
      warm: false,
      told: false,
    };
    part.spare = spare;
    const startedAt = Date.now();
    child.on("message", (message: unknown) => {
      if (message === STANDBY_MESSAGES.serving) this.options.onSpareServing?.(spec.name, spare.warm);
      if (message === STANDBY_MESSAGES.warming) spare.warming = true;
      if (isWarmedUp(message)) {
        spare.warming = false;
        spare.warm = !spare.promoted;
        // Any refused: a rate limit or a broken mix leaves the spare colder than it should be: say so.
        this.options.log[message.failed > 0 ? "warn" : "info"](
          { part: spec.name, childPid: child.pid, ...message },
          `${spec.name}'s spare warmed up: ${message.sent} requests to itself (${message.failed} failed) in ${message.ms} ms`,
        );
      }
      if (message !== STANDBY_MESSAGES.standingBy || spare.standingBy) return;
      spare.standingBy = true;
      this.options.log.info(
        { part: spec.name, childPid: child.pid, bootMs: Date.now() - startedAt },
        `${spec.name}'s spare stands by (pid ${child.pid}, booted in ${Date.now() - startedAt} ms)`,
      );
      if (spare.promoted) this.serve(spare);
    });
    this.options.log.info(
      { part: spec.name, childPid: child.pid, nice: priority?.nice, idle: priority?.idle },
      `${spec.name}'s spare started (pid ${child.pid}${lowPriority(priority, "while it stands by")})`,
    );
    this.watchExit(part, child);
  }

  /** The spare replaces the part: from now on it is the part's process. */
  private promote(part: Part, spare: Spare): void {
    part.spare = undefined;
    part.process = spare.process;
    part.lastLines = spare.lines;
    part.startedAt = Date.now();
    this.options.log.info(
      { part: part.spec.name, childPid: spare.process.pid, standingBy: spare.standingBy },
      `${part.spec.name} replaced by its spare (pid ${spare.process.pid}${spare.standingBy ? "" : ", still booting: it serves once booted"})`,
    );
    // A spare still warming up stops its warm-up and serves at once, cold.
    if (spare.standingBy || spare.warming) this.serve(spare);
    spare.promoted = true;
  }

  /** A spare told to serve is booted already: it gets normal priority at once, then listens. */
  private serve(spare: Spare): void {
    if (spare.told) return;
    spare.told = true;
    const pid = spare.process.pid;
    if (this.restartPriority !== undefined && pid)
      raisePriority(pid, getPriority(), this.restartPriority.idle);
    if (spare.process.connected) spare.process.send(STANDBY_MESSAGES.serve);
  }

  private async exitedUnexpectedly(
    part: Part,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): Promise<void> {
    const { spec } = part;
    const upFor = Date.now() - part.startedAt;
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    const lastError = lastErrorOf(part.lastLines);
    const cause = lastError ? `${how}; last error: ${lastError}` : how;

    if (spec.needsDatabase && this.options.databaseAnswers && !(await this.options.databaseAnswers())) {
      this.options.log.warn(
        { part: spec.name, cause },
        `${spec.name} ${how} while PostgreSQL does not answer: waiting for PostgreSQL`,
      );
      await this.waitForDatabase();
      if (this.stopping) return;
      part.quickExits = 0;
      this.options.log.info({ part: spec.name }, `PostgreSQL answers again: restarting ${spec.name}`);
      return this.restart(part);
    }

    part.quickExits = upFor < this.options.stableAfterMs ? part.quickExits + 1 : 1;
    if (part.quickExits >= this.options.crashLoopRestarts) {
      const reason = `${spec.name} keeps crashing: it exited ${part.quickExits} times in a row within ${this.options.stableAfterMs / 1000} s of starting (${cause})`;
      this.options.log.fatal({ part: spec.name, cause }, `${reason}; stopping the stack`);
      this.gaveUp = reason;
      this.options.onGiveUp(reason);
      return;
    }
    // A spare waits for the port itself; waiting first would only keep the part away longer.
    const delay = this.spareTakesOver(part)
      ? 0
      : Math.min(this.options.maxBackoffMs, this.options.firstBackoffMs * 2 ** (part.quickExits - 1));
    this.options.log.error(
      { part: spec.name, cause, upForMs: upFor, restartInMs: delay, attempt: part.quickExits },
      `${spec.name} ${how} unexpectedly after ${(upFor / 1000).toFixed(1)} s; ${this.spareTakesOver(part) ? "its spare takes over" : `restarting it in ${delay} ms`}${lastError ? ` (last error: ${lastError})` : ""}`,
    );
    part.restarting = setTimeout(() => this.restart(part), delay);
  }

  /** A first exit after a stable run is taken over by the spare; a crash loop restarts with its backoff. */
  private spareTakesOver(part: Part): boolean {
    return part.spare !== undefined && part.quickExits <= 1;
  }

  private restart(part: Part): void {
    if (this.stopping) return;
    const spare = this.spareTakesOver(part) ? part.spare : undefined;
    if (spare) this.promote(part, spare);
    else this.spawn(part, true);
    // A spare standing by has booted already: it was raised to normal priority when told to serve.
    const booting = !spare?.standingBy;
    const child = part.process;
    const restartedAt = Date.now();
    const normalPriority = () => {
      if (this.restartPriority !== undefined && child?.pid && part.process === child)
        raisePriority(child.pid, getPriority(), this.restartPriority.idle);
    };
    // SCHED_IDLE gets no CPU at all while the serving processes keep every core busy: past this bound a
    // replacement that is still booting leaves it (keeping restartNice), so that it does come back.
    const idleBound =
      booting && this.restartPriority?.idle && child?.pid
        ? setTimeout(() => {
            if (part.process !== child) return;
            this.options.log.warn(
              { part: part.spec.name },
              `${part.spec.name} not ready after ${this.options.restartIdleMs / 1000} s under SCHED_IDLE: booting on at nice ${this.restartPriority?.nice ?? 0}`,
            );
            leaveIdle(child.pid!);
          }, this.options.restartIdleMs)
        : undefined;
    this.waitUntilReady(part).then(
      () => {
        clearTimeout(idleBound);
        const bootSeconds = child?.pid ? readProcStat(child.pid)?.seconds : undefined;
        const bootCpuMs = bootSeconds === undefined ? undefined : Math.round(bootSeconds * 1000);
        if (booting) normalPriority();
        this.options.log.info(
          {
            part: part.spec.name,
            readyAfterMs: Date.now() - restartedAt,
            bootCpuMs,
            fromSpare: spare !== undefined,
          },
          `${part.spec.name} is back (ready ${Date.now() - restartedAt} ms after its ${spare ? "spare took over" : "restart"}${bootCpuMs === undefined ? "" : `, ${bootCpuMs} ms CPU`})`,
        );
        // The next spare boots once this process has run stableAfterMs: an exit before that is a quick one,
        // restarted with backoff and never by a spare, so a spare booting sooner would only take CPU from the
        // replicas serving just after a loss.
        if (this.options.spares && part.process === child) {
          clearTimeout(part.spareRespawn);
          part.spareRespawn = setTimeout(
            () => part.process === child && this.startSpare(part),
            Math.max(0, part.startedAt + this.options.stableAfterMs - Date.now()),
          );
        }
      },
      // An exit before ready is handled by the exit handler; here only a part that hangs is reported (and
      // given normal priority: it may only have been starved of CPU).
      (error: Error) => {
        clearTimeout(idleBound);
        normalPriority();
        this.options.log.error({ part: part.spec.name, err: error }, error.message);
      },
    );
  }

  private async waitForDatabase(): Promise<void> {
    while (!this.stopping && !(await this.options.databaseAnswers!()))
      await new Promise((resolve) => setTimeout(resolve, 1000));
  }

  private async waitUntilReady(part: Part): Promise<void> {
    const child = part.process;
    const deadline = Date.now() + this.options.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) return;
      if (part.process !== child || !child || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${part.spec.name} exited before it was ready${lastErrorOf(part.lastLines) ? `: ${lastErrorOf(part.lastLines)}` : ""}`,
        );
      }
      if (await answers(part.spec.readyUrl)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `${part.spec.name} was not ready after ${this.options.readyTimeoutMs / 1000} s (${part.spec.readyUrl})`,
    );
  }
}

function isWarmedUp(message: unknown): message is WarmedUpMessage {
  return (message as WarmedUpMessage | undefined)?.type === STANDBY_MESSAGES.warmedUp;
}

/** A pino JSON line at level warn (40) or above; a line of another format: one that names such a level or an Error. */
function isWarningOrWorse(line: string): boolean {
  if (!line.startsWith("{")) return /WARN|ERROR|FATAL|Error/.test(line);
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
  } catch {
    return true;
  }
}

/** Whether this process may set a priority as high as `nice` (Linux: root, or RLIMIT_NICE allows it). */
function mayRaisePriorityTo(nice: number): boolean {
  if (process.platform !== "linux") return false;
  if (process.getuid?.() === 0) return true;
  try {
    const limit = /^Max nice priority\s+(\d+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    // RLIMIT_NICE r allows nice values down to 20 - r.
    return limit !== null && 20 - Number(limit[1]) <= nice;
  } catch {
    return false;
  }
}

/** How a restarted part boots: at a nice value, under SCHED_IDLE, or both. */
interface BootPriority {
  nice?: number;
  idle: boolean;
}

function lowPriority(priority: BootPriority | undefined, until = "until ready"): string {
  const low = [
    priority?.idle ? "SCHED_IDLE" : undefined,
    priority?.nice !== undefined ? `nice ${priority.nice}` : undefined,
  ].filter(Boolean);
  return low.length ? `, ${low.join(", ")} ${until}` : "";
}

let chrtFound: boolean | undefined;
function chrtAvailable(): boolean {
  if (chrtFound === undefined) {
    try {
      execFileSync("chrt", ["--version"], { stdio: "ignore" });
      chrtFound = true;
    } catch {
      chrtFound = false;
    }
  }
  return chrtFound;
}

/**
 * Sets every thread of a process to `nice` (setpriority applies to one thread on Linux), and back to the
 * normal scheduling policy (SCHED_OTHER) first when it booted under SCHED_IDLE.
 */
function raisePriority(pid: number, nice: number, fromIdle: boolean): void {
  const setNice = () => {
    let threads: number[];
    try {
      threads = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      return; // exited meanwhile
    }
    for (const thread of threads) {
      try {
        setPriority(thread, nice);
      } catch {
        // the thread ended meanwhile
      }
    }
  };
  if (fromIdle) leaveIdle(pid, setNice);
  else setNice();
}

/** Every thread of a process back to SCHED_OTHER (its nice value unchanged). */
function leaveIdle(pid: number, then: () => void = () => {}): void {
  // chrt --all-tasks: every thread. A failure here (the process exited meanwhile) is no error.
  execFile("chrt", ["--all-tasks", "--other", "--pid", "0", String(pid)], () => then());
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** SIGTERM (the part drains its requests), SIGKILL after 10 s. */
export function stopProcess(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The last error a part wrote: a pino line at level error or fatal, else its last line on stderr-like text. */
export function lastErrorOf(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line) continue;
    if (line.startsWith("{")) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
        if ((entry.level ?? 0) >= 50)
          return [entry.msg, entry.err?.message]
            .filter((t, j, all) => t && all.indexOf(t) === j && !(j > 0 && all[0]?.includes(t)))
            .join(": ");
      } catch {
        // not JSON after all
      }
      continue;
    }
    if (/error|Error|ERR|EADDRINUSE|ECONNREFUSED|FATAL|fatal/.test(line)) return line.slice(0, 300);
  }
  return undefined;
}

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

/**
 * Where the CPU goes while `npm run cluster:chaos` loads the cluster: each part of the cluster (every
 * process under it, grouped by what it runs), the load generator, and the rest of the machine, from Linux's
 * /proc. On another system there is nothing to read and the report leaves this out.
 */

export type CpuGroups = Map<string, number>;

interface Snapshot {
  at: number;
  /** CPU seconds so far of each process under the cluster, and of the load generator. */
  processes: Map<number, { group: string; seconds: number }>;
  /** CPU seconds so far of the whole machine: processes, the kernel's interrupt work, idle. */
  machineBusy: number;
  machineInterrupts: number;
  machineIdle: number;
}

let ticksPerSecond: number | undefined;
/** Clock ticks a second, asked once when first needed (not at import: the supervisor loads this module). */
const clockTicksPerSecond = () =>
  (ticksPerSecond ??= (() => {
    try {
      return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      return 100;
    }
  })());

export interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  seconds: number;
}

/** A process's name, parent and CPU time so far (user + system, every thread); undefined once it has exited. */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself hold spaces or parentheses.
    const name = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state ppid ...; utime and stime are fields 14 and 15 of the whole line.
    return {
      pid,
      ppid: Number(fields[1]),
      name,
      seconds: (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond(),
    };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** What a process of the cluster runs: a gateway, one subgraph, or a program (postgres, haproxy, redis). */
function groupOf(pid: number, name: string): string {
  let commandLine = "";
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    // exited meanwhile
  }
  if (commandLine.includes("gateway/dist/main.js")) return "gateways";
  const subgraph = /subgraphs\/([a-z-]+)\/dist\/main\.js/.exec(commandLine);
  if (subgraph) return subgraph[1];
  if (commandLine.includes("cluster.js")) return "supervisor";
  if (name.startsWith("redis")) return "redis";
  return name.startsWith("postgres") || name.startsWith("pg_") ? "postgres" : name;
}

/** CPU of every process under `roots` (the cluster, PostgreSQL's postmasters, which pg_ctl detaches). */
export function cpuSnapshot(roots: number[]): Snapshot | undefined {
  if (process.platform !== "linux") return undefined;
  const all: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat) all.push(stat);
  }
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const processes = new Map<number, { group: string; seconds: number }>();
  const own = readProcStat(process.pid);
  if (own) processes.set(own.pid, { group: "load generator", seconds: own.seconds });
  const queue = [...roots];
  while (queue.length) {
    const pid = queue.shift()!;
    const stat = all.find((p) => p.pid === pid);
    if (stat) processes.set(pid, { group: groupOf(pid, stat.name), seconds: stat.seconds });
    for (const child of children.get(pid) ?? []) queue.push(child.pid);
  }
  return { at: Date.now(), processes, ...machineTimes() };
}

/**
 * CPU of each process the cluster runs itself (its parts, their spares, HAProxy, Redis: the cluster's
 * children; PostgreSQL not), each under its own name (`names`: a pid's part; any other process is named by
 * what it runs and its pid, a spare), and of the load generator and the machine. Reads only those processes,
 * not all of /proc, so that it can be read every second under load.
 */
export function partsSnapshot(clusterPid: number, names: Map<number, string>): Snapshot | undefined {
  if (process.platform !== "linux") return undefined;
  let children: number[];
  try {
    children = readFileSync(`/proc/${clusterPid}/task/${clusterPid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return undefined;
  }
  const processes = new Map<number, { group: string; seconds: number }>();
  const own = readProcStat(process.pid);
  if (own) processes.set(own.pid, { group: "load generator", seconds: own.seconds });
  for (const pid of children) {
    const stat = readProcStat(pid);
    if (stat)
      processes.set(pid, {
        group: names.get(pid) ?? `${groupOf(pid, stat.name)} ${pid}`,
        seconds: stat.seconds,
      });
  }
  return { at: Date.now(), processes, ...machineTimes() };
}

function machineTimes(): Pick<Snapshot, "machineBusy" | "machineInterrupts" | "machineIdle"> {
  const [, ...times] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = times;
  return {
    machineBusy: (user + nice + system + steal) / clockTicksPerSecond(),
    // Mostly the loopback network's packets between the cluster's processes: its own traffic.
    machineInterrupts: (irq + softirq) / clockTicksPerSecond(),
    machineIdle: (idle + iowait) / clockTicksPerSecond(),
  };
}

/** Cores by group, the busiest first, those under 0.05 left out. */
export function formatBusiest(groups: CpuGroups | undefined): string {
  if (!groups) return "not measured";
  return [...groups]
    .filter(([group, cores]) => cores >= 0.05 && group !== "idle")
    .sort(([, a], [, b]) => b - a)
    .map(([group, cores]) => `${group} ${cores.toFixed(2)}`)
    .join(", ");
}

/**
 * Cores used between two snapshots by each group, by the kernel's interrupt work ("interrupts": mostly the
 * loopback traffic between the cluster's processes), by the rest of the machine ("other processes": other
 * users' work) and left idle. A process that exited in between is not counted (its last seconds are lost).
 */
export function coresUsed(from: Snapshot | undefined, to: Snapshot | undefined): CpuGroups | undefined {
  if (!from || !to) return undefined;
  const seconds = (to.at - from.at) / 1000;
  const groups: CpuGroups = new Map();
  let ours = 0;
  for (const [pid, { group, seconds: now }] of to.processes) {
    const used = now - (from.processes.get(pid)?.seconds ?? 0);
    groups.set(group, (groups.get(group) ?? 0) + used / seconds);
    ours += used;
  }
  groups.set("other processes", Math.max(0, (to.machineBusy - from.machineBusy - ours) / seconds));
  groups.set("interrupts", (to.machineInterrupts - from.machineInterrupts) / seconds);
  groups.set("idle", (to.machineIdle - from.machineIdle) / seconds);
  return groups;
}

/** The postmaster of a PostgreSQL data directory, while it runs. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]) || undefined;
  } catch {
    return undefined;
  }
}

export function formatCores(groups: CpuGroups | undefined): string {
  if (!groups) return "not measured (Linux /proc only)";
  const order = [
    ...["gateways", "regencies", "participants", "awards", "postgres", "redis", "haproxy", "supervisor"],
    ...["load generator", "interrupts", "other processes", "idle"],
  ];
  // Anything else under the cluster (a `nice` not yet replaced by its node) goes with the supervisor.
  const rank = (group: string) =>
    order.includes(group) ? order.indexOf(group) : order.indexOf("supervisor");
  const sorted = [...groups].sort(([a], [b]) => rank(a) - rank(b));
  return `${sorted
    .filter(([, cores]) => cores >= 0.005)
    .map(([group, cores]) => `${group} ${cores.toFixed(2)}`)
    .join(", ")} (of ${cpus().length} cores)`;
}

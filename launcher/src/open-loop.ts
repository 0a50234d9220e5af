/**
 * An open-loop load: requests sent on a fixed schedule at a total rate, whatever the answers, as a light
 * constant load of many independent callers is (each sends when it has something to ask, not when the last
 * answer came). A closed loop (each client sends its next request when the last is answered) instead sends
 * as fast as the system answers, so it saturates the machine and a slower second sends fewer requests.
 */

/** When each client's requests are due, in ms from the load's start: request i of all at i / rate s, sent by
 * client i mod clients, so each client sends every clients / rate s and the clients interleave evenly. */
export function openLoopSchedule(rate: number, seconds: number, clients: number): number[][] {
  if (!(rate > 0) || !(seconds > 0) || !(clients >= 1))
    throw new Error(
      `open-loop load: rate, seconds and clients must be positive (${rate}, ${seconds}, ${clients})`,
    );
  const total = Math.floor(rate * seconds);
  const schedule: number[][] = Array.from({ length: clients }, () => []);
  for (let i = 0; i < total; i++) schedule[i % clients].push((i * 1000) / rate);
  return schedule;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs one client's schedule: at each due time it calls `send(dueAt)` and goes on to the next without waiting
 * for the answer (a late timer sends at once, the request still dated when it was due, so its latency counts
 * the wait: no coordinated omission). Resolves when every request it sent has settled.
 */
export async function runOpenLoopClient(
  due: number[],
  startedAt: number,
  send: (dueAt: number) => Promise<void>,
  clock: Clock = realClock,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const offset of due) {
    const dueAt = startedAt + offset;
    const wait = dueAt - clock.now();
    if (wait > 0) await clock.sleep(wait);
    pending.push(send(dueAt));
  }
  await Promise.all(pending);
}

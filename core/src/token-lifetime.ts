/**
 * How long a bearer token may live: every token must expire, within AUTH_MAX_TOKEN_LIFETIME (12 h by
 * default) of its issue, so a leaked one is worth a working day at most. Read by the gateway and by
 * `npm run token`, which mints within it (kept apart from auth.ts so the CLI loads nothing heavy).
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "12h", "30m", "45s", "2d" or a number of seconds; null when it is none of them. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(text);
  return match ? Number(match[1]) * UNITS[(match[2] || "s").toLowerCase()] : null;
}

/** 43200 -> "12 h", 1800 -> "30 min". */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function maxTokenLifetimeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUTH_MAX_TOKEN_LIFETIME;
  if (raw === undefined || raw === "") return DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const seconds = parseDuration(raw);
  if (!seconds)
    throw new Error(`AUTH_MAX_TOKEN_LIFETIME=${raw} is not a duration: use 12h, 30m or a number of seconds.`);
  return seconds;
}

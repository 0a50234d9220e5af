/**
 * Reading one's own writes through read replicas. A subgraph answering a mutation tells the gateway the
 * primary's WAL position after it (WROTE_AT_HEADER); the gateway hands the caller every subgraph's position
 * (READ_AFTER_HEADER, and a cookie for browsers) and sends each subgraph its own back with the caller's next
 * requests. A subgraph reads from its replica only once the replica has replayed past that position, else
 * from the primary. The response cache sends the positions it read with the data versions the same way, so
 * no answer it keeps is older than the primary was when the versions were read.
 */
export const READ_AFTER_HEADER = "x-cakupan-read-after";
export const WROTE_AT_HEADER = "x-cakupan-wrote-at";
export const READ_AFTER_COOKIE = "cakupan_read_after";

/** A PostgreSQL LSN ("16/B374D848") as a number, or undefined when the text is not one. */
export function parseWalPosition(text: string | undefined): bigint | undefined {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text?.trim() ?? "");
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : undefined;
}

/** Subgraph name -> the WAL position its reads must have reached. */
export type ReadAfter = Record<string, string>;

/** "participants:0/16B3D48|awards:0/16B3E00"; malformed entries are ignored (a client may send anything). */
export function parseReadAfter(text: string | undefined): ReadAfter {
  const positions: ReadAfter = {};
  for (const entry of (text ?? "").split("|")) {
    const [name, position] = entry.trim().split(":");
    if (name && /^[a-z][a-z0-9_-]{0,40}$/.test(name) && parseWalPosition(position) !== undefined)
      positions[name] = position;
  }
  return positions;
}

export function formatReadAfter(positions: ReadAfter): string {
  return Object.entries(positions)
    .map(([name, position]) => `${name}:${position}`)
    .join("|");
}

/** Every subgraph's latest position of those given. */
export function mergeReadAfter(...sets: ReadAfter[]): ReadAfter {
  const merged: ReadAfter = {};
  for (const positions of sets) {
    for (const [name, position] of Object.entries(positions)) {
      const kept = parseWalPosition(merged[name]);
      if (kept === undefined || parseWalPosition(position)! > kept) merged[name] = position;
    }
  }
  return merged;
}

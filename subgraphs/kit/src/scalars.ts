import { DateResolver } from "graphql-scalars";

/** ISO 8601 calendar date ("2025-07-31"); the one date scalar of every subgraph. */
export const DateScalar = DateResolver;

/** A calendar date as stored in PostgreSQL `date` columns and returned by pg: "YYYY-MM-DD". */
export type IsoDate = string;

export function toIsoDate(value: Date | string): IsoDate {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** An instant, ISO 8601 with time zone ("2025-09-18T03:00:00.000Z"). */
export { DateTimeResolver as DateTimeScalar } from "graphql-scalars";

/** Today's date in Indonesia's western time zone (WIB), where the figures are reported. */
export function todayInJakarta(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

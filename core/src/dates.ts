/** A calendar date as stored in PostgreSQL `date` columns and returned by pg: "YYYY-MM-DD". */
export type IsoDate = string;

export function toIsoDate(value: Date | string): IsoDate {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** Today's date in Indonesia's western time zone (WIB), where the figures are reported. */
export function todayInJakarta(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Jakarta",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

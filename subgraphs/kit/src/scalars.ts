import { DateResolver } from "graphql-scalars";

/** ISO 8601 calendar date ("2025-07-31"); the one date scalar of every subgraph. */
export const DateScalar = DateResolver;

/** A calendar date as stored in PostgreSQL `date` columns and returned by pg: "YYYY-MM-DD". */
export type IsoDate = string;

export function toIsoDate(value: Date | string): IsoDate {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

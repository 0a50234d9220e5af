import { DateResolver } from "graphql-scalars";

/** ISO 8601 calendar date ("2025-07-31"); the one date scalar of every subgraph. */
export const DateScalar = DateResolver;

/** An instant, ISO 8601 with time zone ("2025-09-18T03:00:00.000Z"). */
export { DateTimeResolver as DateTimeScalar } from "graphql-scalars";

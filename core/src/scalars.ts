import { GraphQLError, GraphQLScalarType } from "graphql";
import { DateResolver } from "graphql-scalars";

/** The dates any field here holds: a birth in 1900 to a plan for 2099. Year 0001 is a typing mistake. */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2099-12-31";

function withinRange(date: Date): Date {
  const iso = date.toISOString().slice(0, 10);
  if (iso < EARLIEST_DATE || iso > LATEST_DATE) {
    throw new GraphQLError(`Date ${iso} is outside ${EARLIEST_DATE} to ${LATEST_DATE}: give the real date.`);
  }
  return date;
}

/**
 * ISO 8601 calendar date ("2025-07-31"), a real one (no 2025-02-30) between 1900 and 2099; the one date
 * scalar of every subgraph, and what the gateway checks dates against before any subgraph sees them.
 */
export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  parseValue: (value) => withinRange(DateResolver.parseValue(value) as Date),
  parseLiteral: (ast, variables) => withinRange(DateResolver.parseLiteral(ast, variables) as Date),
});

/** An instant, ISO 8601 with time zone ("2025-09-18T03:00:00.000Z"). */
export { DateTimeResolver as DateTimeScalar } from "graphql-scalars";

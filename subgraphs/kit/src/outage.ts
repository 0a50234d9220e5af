import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";

type Format = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
import {
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  TransactionNotStartedError,
} from "typeorm";

/** PostgreSQL's SQLSTATEs for "the server is not there right now": connection exceptions and shutdowns. */
const UNAVAILABLE_STATES = /^(08|57P0[123]|53300)/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|(connection error|was closed) and is not queryable/i;
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's runner when its connection dies, and the next statement of the
  // transaction then fails with this instead of the connection's own error.
  // Likewise a transaction whose BEGIN was lost with its connection fails its rollback with this, and a raw
  // query of that transaction (pg_notify after a report) with QueryRunnerProviderAlreadyReleasedError.
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError ||
    error instanceof TransactionNotStartedError
  ) {
    return true;
  }
  const seen = new Set<unknown>();
  for (
    let current = error as
      { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined;
    current && !seen.has(current);
  ) {
    seen.add(current);
    const code = typeof current.code === "string" ? current.code : "";
    if (UNAVAILABLE_STATES.test(code) || CONNECTION_CODES.has(code)) return true;
    if (typeof current.message === "string" && UNAVAILABLE_MESSAGES.test(current.message)) return true;
    const parts = (current as { errors?: unknown }).errors;
    if (Array.isArray(parts) && parts.some(isDatabaseUnavailable)) return true;
    current = (current.driverError ?? current.cause) as typeof current;
  }
  return false;
}

/**
 * Apollo Server's formatError for a subgraph: while its PostgreSQL is away (restart, failover), a request fails
 * with SERVICE_UNAVAILABLE and a message that says so, instead of the driver's text with the server's
 * address. Its writes are transactions, so a failed one stored nothing; the service recovers by itself.
 * Any other error goes to `otherwise` (the masking of unexpected errors).
 */
export function databaseOutages(service: string, otherwise: Format = (formatted) => formatted): Format {
  return (formatted, error) => {
    if (!isDatabaseUnavailable(unwrapResolverError(error))) return otherwise(formatted, error);
    return {
      message: `The ${service} service cannot reach its database right now; nothing was stored. Try again in a few seconds.`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "SERVICE_UNAVAILABLE", serviceName: service },
    };
  };
}

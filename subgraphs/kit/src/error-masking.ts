import { randomUUID } from "node:crypto";
import type { GraphQLFormattedError } from "graphql";

/**
 * Apollo Server's formatError for a subgraph: an error no resolver meant for the client (a database
 * failure, a bug) reaches it as "Internal server error" with a reference, never with PostgreSQL's message,
 * a constraint name or a stack; the full error is logged under that reference.
 */
export function maskUnexpectedErrors(service: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
    const reference = randomUUID();
    console.error(
      `${service}: unexpected error ${reference}:`,
      (error as { originalError?: unknown })?.originalError ?? error,
    );
    return {
      message: `Internal server error in ${service} (reference ${reference}): it has been logged.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

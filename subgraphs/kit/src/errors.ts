import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED";

/** Every error a client sees carries `extensions.code` and a message that says what to fix. */
export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badUserInput(message: string, field?: string): GraphQLError {
  return clientError("BAD_USER_INPUT", message, field ? { field } : {});
}

/** One broken rule of an input: which field, which rule, and what would be accepted. */
export interface Violation {
  field: string;
  rule: string;
  message: string;
}

/** Every broken rule in one BAD_USER_INPUT error: the message lists them, `extensions.violations` has them one by one. */
export function invalidInput(what: string, violations: Violation[]): GraphQLError {
  return clientError("BAD_USER_INPUT", `${what} was not stored: ${violations.map((v) => `${v.field}: ${v.message}`).join(" ")}`, {
    field: violations[0].field,
    violations,
  });
}

/**
 * Apollo Server's formatError for a subgraph: an error no resolver meant for the client (a database
 * failure, a bug) reaches it as "Internal server error" with a reference, never with PostgreSQL's message,
 * a constraint name or a stack; the full error is logged under that reference.
 */
export function maskUnexpectedErrors(service: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
    const reference = randomUUID();
    console.error(`${service}: unexpected error ${reference}:`, (error as { originalError?: unknown })?.originalError ?? error);
    return {
      message: `Internal server error in ${service} (reference ${reference}): it has been logged.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

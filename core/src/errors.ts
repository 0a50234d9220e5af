import { GraphQLError } from "graphql";

export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED";

/** Every error a client sees carries `extensions.code` and a message that says what to fix. */
export function clientError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
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
  return clientError(
    "BAD_USER_INPUT",
    `${what} was not stored: ${violations.map((v) => `${v.field}: ${v.message}`).join(" ")}`,
    {
      field: violations[0].field,
      violations,
    },
  );
}

/** One broken rule, as a value: for checks that return at most one (an id's format, a text's length). */
export function violation(field: string, rule: string, message: string): Violation {
  return { field, rule, message };
}

/**
 * Collects every broken rule of an input, so that all are reported at once and a user fixes them in one
 * go: the one collector of every mutation's validation (coverage reports, award mutations). It is the list
 * itself (an array of Violation), so a check's findings are pushed into it and it is returned as it is.
 */
export class Violations extends Array<Violation> {
  /** One broken rule: the field, the rule's name, and a message that says what would be accepted. */
  add(field: string, rule: string, message: string): void {
    this.push(violation(field, rule, message));
  }
}

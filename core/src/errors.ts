import { GraphQLError } from "graphql";

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
 * Collects every broken rule of an input, so that all are reported at once and a user fixes them in one
 * go: the one collector of every validation (coverage reports, award mutations, registry imports).
 */
export class Violations {
  readonly list: Violation[] = [];

  /** One broken rule: the field, the rule's name, and a message that says what would be accepted. */
  readonly add = (field: string, rule: string, message: string): void => {
    this.list.push({ field, rule, message });
  };

  /** The rules another check found broken (a source input, a nested value). */
  addAll(violations: readonly Violation[]): void {
    this.list.push(...violations);
  }

  get length(): number {
    return this.list.length;
  }
}

import { type ASTVisitor, GraphQLError, type ValidationContext } from "graphql";

/**
 * Input no field of this platform can hold, refused before any resolver or database sees it: a NUL
 * character (PostgreSQL text cannot store one; it would come back as a database error) and variables
 * nested deeper than any input type goes (they cost stack to copy, hash and coerce).
 */
export const MAX_VARIABLE_DEPTH = 32;

export type VariablesProblem = { kind: "DEPTH"; maxDepth: number } | { kind: "NUL"; path: string };

/** The first problem of a variables object, walked without recursion (so depth cannot overflow the stack). */
export function variablesProblem(variables: unknown, maxDepth = MAX_VARIABLE_DEPTH): VariablesProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: variables, path: "variables", depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { kind: "NUL", path };
    } else if (value !== null && typeof value === "object") {
      if (depth >= maxDepth) return { kind: "DEPTH", maxDepth };
      for (const [key, child] of Object.entries(value)) {
        if (key.includes("\u0000")) return { kind: "NUL", path };
        stack.push({
          value: child,
          path: Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
          depth: depth + 1,
        });
      }
    }
  }
  return null;
}

/** What to tell the client about a variables problem. */
export function variablesProblemMessage(problem: VariablesProblem): string {
  return problem.kind === "DEPTH"
    ? `The variables are nested deeper than the limit of ${problem.maxDepth} levels: ` +
        "no input here goes that deep; send flatter input."
    : `${problem.path} contains a NUL character (U+0000), which no text here can hold: remove it.`;
}

/** A validation rule: no string literal in the document holds a NUL character. */
export function nulFreeStringsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (node.value.includes("\u0000")) {
        context.reportError(
          new GraphQLError(
            "A string in the query contains a NUL character (U+0000), " +
              "which no text here can hold: remove it.",
            {
              nodes: [node],
              extensions: { code: "BAD_USER_INPUT" },
            },
          ),
        );
      }
    },
  };
}

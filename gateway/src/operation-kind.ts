import { Kind, type OperationTypeNode, parse } from "graphql";

/** "query", "mutation" or "subscription"; "unknown" when the text does not say. */
export type OperationKind = OperationTypeNode | "unknown";

const kinds = new Map<string, OperationKind>();

/**
 * Whether a GraphQL text is a query, a mutation or a subscription: the operation `operationName` names, or
 * its only one. "unknown" when the text does not say (it does not parse, or names no such operation);
 * whoever executes it will explain. Parsed once per distinct text: the planner's subgraph operations and a
 * dashboard's queries repeat. The one reader of operation kinds: the response cache, in-flight merging,
 * retries and outage answers all ask it.
 */
export function operationKind(query: string, operationName?: string | null): OperationKind {
  const key = `${operationName ?? ""}\n${query}`;
  let kind = kinds.get(key);
  if (kind === undefined) {
    try {
      const operations = parse(query, { noLocation: true }).definitions.filter(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION,
      );
      const operation = operationName
        ? operations.find((candidate) => candidate.name?.value === operationName)
        : operations.length === 1
          ? operations[0]
          : undefined;
      kind = operation?.operation ?? "unknown";
    } catch {
      kind = "unknown";
    }
    if (kinds.size >= 10_000) kinds.clear();
    kinds.set(key, kind);
  }
  return kind;
}

import { Kind, type OperationTypeNode, parse } from "graphql";

/** "query", "mutation" or "subscription"; "unknown" when the text does not say. */
export type OperationKind = OperationTypeNode | "unknown";

/** By operation name ("" for none), then by text: the texts repeat as the same strings, whose hash V8 keeps. */
const kinds = new Map<string, Map<string, OperationKind>>();
let remembered = 0;

/**
 * Whether a GraphQL text is a query, a mutation or a subscription: the operation `operationName` names, or
 * its only one. "unknown" when the text does not say (it does not parse, or names no such operation);
 * whoever executes it will explain. Parsed once per distinct text: the planner's subgraph operations and a
 * dashboard's queries repeat. The one reader of operation kinds: the response cache, in-flight merging,
 * retries and outage answers all ask it.
 */
export function operationKind(query: string, operationName?: string | null): OperationKind {
  let byText = kinds.get(operationName ?? "");
  let kind = byText?.get(query);
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
    if (remembered >= 10_000) {
      kinds.clear();
      remembered = 0;
      byText = undefined;
    }
    if (!byText) kinds.set(operationName ?? "", (byText = new Map()));
    byText.set(query, kind);
    remembered += 1;
  }
  return kind;
}

import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, type SelectionSetNode } from "graphql";
import { operationKind } from "./operation-kind";
import { SubgraphUnavailable } from "./upstream";

export const SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";

type Process<Context extends object> = (
  options: GraphQLDataSourceProcessOptions<Context>,
) => Promise<GatewayGraphQLResponse>;

/**
 * One subgraph's outage costs only its own fields. A fetch to a subgraph that is down is answered here as the
 * subgraph would answer a failure of each field it was asked for: `null` (the fields it contributes to other
 * subgraphs' entities are nullable in the schema) with one error per missing field, whose path the gateway
 * turns into the path in the client's answer. The error carries a stable code and the service's name, never
 * its address.
 */
export function answerOutagesPartially<Context extends object>(
  process: Process<Context>,
  onOutage: (
    error: SubgraphUnavailable,
    options: GraphQLDataSourceProcessOptions<Context>,
  ) => void = () => {},
): Process<Context> {
  return async (options) => {
    try {
      return await process(options);
    } catch (error) {
      if (!(error instanceof SubgraphUnavailable)) throw error;
      onOutage(error, options);
      return partialAnswer(options, error);
    }
  };
}

function partialAnswer(
  options: GraphQLDataSourceProcessOptions<object>,
  outage: SubgraphUnavailable,
): GatewayGraphQLResponse {
  const query = options.request.query ?? "";
  const kind = operationKind(query);
  const extensions = { code: SUBGRAPH_UNAVAILABLE, serviceName: outage.serviceName, reason: outage.reason };
  const message = outage.clientMessage(kind);
  const document = ("document" in options && options.document) || parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const representations = options.request.variables?.representations;
  if (Array.isArray(representations) && operation) {
    const entities = operation.selectionSet.selections.find(
      (s) => s.kind === Kind.FIELD && s.name.value === "_entities",
    );
    const byType =
      entities?.kind === Kind.FIELD && entities.selectionSet
        ? fieldsByType(entities.selectionSet, document)
        : new Map();
    const errors = representations.flatMap((representation: { __typename?: string }, index: number) =>
      (byType.get(representation.__typename ?? "") ?? []).map((field: string) => ({
        message,
        path: ["_entities", index, field],
        extensions,
      })),
    );
    return { data: { _entities: representations.map(() => null) }, errors };
  }
  const fields = operation ? responseNames(operation.selectionSet, document) : [];
  return {
    data: null,
    errors: (fields.length ? fields : [undefined]).map((field) => ({
      message,
      path: field ? [field] : undefined,
      extensions,
    })),
  };
}

/** The fields an `_entities` selection asks of each type, by response name, __typename aside. */
function fieldsByType(selectionSet: SelectionSetNode, document: DocumentNode): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) continue;
    const type = selection.typeCondition.name.value;
    byType.set(type, [
      ...new Set([...(byType.get(type) ?? []), ...responseNames(selection.selectionSet, document)]),
    ]);
  }
  return byType;
}

function responseNames(selectionSet: SelectionSetNode, document: DocumentNode): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== "__typename") names.push(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      names.push(...responseNames(selection.selectionSet, document));
    } else {
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION)
        names.push(...responseNames(fragment.selectionSet, document));
    }
  }
  return [...new Set(names)];
}

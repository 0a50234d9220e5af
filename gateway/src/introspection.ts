import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/**
 * Introspection off (production): `__schema` is refused, and `__type(name:)` answers null for every name,
 * real or not, so probing type names learns nothing, while a client that checks for a type (as
 * GraphQL-over-HTTP clients and audits do) gets a well-formed answer. `__type` is answered by the gateway
 * itself, only in an operation asking for nothing else; beside other fields it is refused.
 */
const ALONE = new Set(["__type", "__typename"]);

/** The root fields of an operation, through fragment spreads and inline fragments. */
function rootFields(
  selectionSet: SelectionSetNode,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  seen = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

const refusal = (message: string, node: FieldNode) =>
  new GraphQLError(message, { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });

/** The validation rule while introspection is off. */
export function introspectionOffRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      const fields = rootFields(operation.selectionSet, (name) => context.getFragment(name));
      const schemaField = fields.find((field) => field.name.value === "__schema");
      if (schemaField)
        context.reportError(
          refusal("This gateway has introspection off: __schema is not answered.", schemaField),
        );
      const typeField = fields.find((field) => field.name.value === "__type");
      if (typeField && !fields.every((field) => ALONE.has(field.name.value))) {
        context.reportError(
          refusal(
            "This gateway has introspection off: " +
              "__type is answered only in an operation asking for nothing else.",
            typeField,
          ),
        );
      }
    },
  };
}

function included(field: FieldNode, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, field, variables);
  const include = getDirectiveValues(GraphQLIncludeDirective, field, variables);
  return skip?.if !== true && include?.if !== false;
}

/** Answers `__type` (null) and `__typename` without executing, in operations asking for nothing else. */
export function introspectionOffPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  /**
   * By operation (Apollo Server keeps one parsed document per text): the root fields of one that asks `__type`
   * and nothing else, else null. Every other operation, nearly all, is decided once, not on each request.
   */
  const typeOnly = new WeakMap<OperationDefinitionNode, FieldNode[] | null>();
  const typeOnlyFields = (operation: OperationDefinitionNode, document: DocumentNode) => {
    let fields = typeOnly.get(operation);
    if (fields === undefined) {
      const fragments = (name: string) =>
        document.definitions.find(
          (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
        );
      const roots = rootFields(operation.selectionSet, fragments);
      fields =
        roots.some((field) => field.name.value === "__type") &&
        roots.every((field) => ALONE.has(field.name.value))
          ? roots
          : null;
      typeOnly.set(operation, fields);
    }
    return fields;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, request }) {
          if (operation.operation !== "query") return null;
          const fields = typeOnlyFields(operation as OperationDefinitionNode, document);
          if (!fields) return null;
          const data: Record<string, unknown> = {};
          for (const field of fields) {
            if (included(field, request.variables ?? {}))
              data[field.alias?.value ?? field.name.value] = field.name.value === "__type" ? null : "Query";
          }
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data } },
          };
        },
      };
    },
  };
}

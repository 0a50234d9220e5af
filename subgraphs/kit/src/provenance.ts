import { type FieldNode, type GraphQLResolveInfo, Kind } from "graphql";
import { type ClassType, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { type DataSource, In } from "typeorm";
import type { RequestContext } from "./context";
import { loaderByKey } from "./loaders";
import { Source } from "./source";

/** The sources a request cites, by id: one statement for all of them, whatever cites them. */
export const sourceById = (db: DataSource) =>
  loaderByKey(
    (ids: readonly string[]) => db.getRepository(Source).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );

/**
 * `source` on a type whose rows store their source's id: every figure says where it comes from, through the
 * request's one sourceById loader. Add the returned class to the subgraph's resolvers.
 */
export function sourceFieldResolver<T extends { sourceId: string | null }>(
  type: ClassType<T>,
  options: { nullable?: boolean; description?: string } = {},
) {
  @Resolver(() => type)
  class SourceFieldResolver {
    @FieldResolver(() => Source, {
      nullable: options.nullable ?? false,
      description: options.description ?? "Where this comes from.",
    })
    source(
      @Root() parent: T,
      @Ctx() context: RequestContext,
      @Info() info: GraphQLResolveInfo,
    ): Promise<Source | null> | Source | null {
      return sourceOfRow(parent, undefined, context, info);
    }
  }
  return SourceFieldResolver;
}

/**
 * `source` of a row that stores its source's id, as a graphql-js resolver: what sourceFieldResolver's field
 * answers, for buildFederatedSchema's plainFieldResolvers where a table resolves thousands of them.
 */
export function sourceOfRow(
  parent: { sourceId: string | null },
  _args: unknown,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<Source | null> | Source | null {
  if (!parent.sourceId) return null;
  // Another subgraph carrying the source by id (a @requires of `source { id }`) needs no row.
  if (asksIdOnly(info)) {
    const source = new Source();
    source.id = parent.sourceId;
    return source;
  }
  return context.loader(sourceById).load(parent.sourceId);
}

/** By the field's nodes, which graphql-js shares between the items of a list: each selection read once. */
const idOnlySelections = new WeakMap<readonly FieldNode[], boolean>();

/** Whether the field's selection asks for nothing but the id (and __typename). */
function asksIdOnly(info: GraphQLResolveInfo): boolean {
  let idOnly = idOnlySelections.get(info.fieldNodes);
  if (idOnly === undefined) {
    idOnly = selectsIdOnly(info.fieldNodes);
    idOnlySelections.set(info.fieldNodes, idOnly);
  }
  return idOnly;
}

function selectsIdOnly(fieldNodes: readonly FieldNode[]): boolean {
  return fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === "id" || selection.name.value === "__typename"),
    ),
  );
}

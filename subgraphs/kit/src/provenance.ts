import { type GraphQLResolveInfo, Kind } from "graphql";
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
      if (!parent.sourceId) return null;
      // Another subgraph carrying the source by id (a @requires of `source { id }`) needs no row.
      if (asksIdOnly(info)) return Object.assign(new Source(), { id: parent.sourceId });
      return context.loader(sourceById).load(parent.sourceId);
    }
  }
  return SourceFieldResolver;
}

/** Whether the field's selection asks for nothing but the id (and __typename). */
function asksIdOnly(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === "id" || selection.name.value === "__typename"),
    ),
  );
}

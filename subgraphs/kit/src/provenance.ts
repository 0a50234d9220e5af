import { type ClassType, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
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
    source(@Root() parent: T, @Ctx() context: RequestContext): Promise<Source | null> | null {
      return parent.sourceId ? context.loader(sourceById).load(parent.sourceId) : null;
    }
  }
  return SourceFieldResolver;
}

import { type RequestContext, Source } from "@cakupan/kit";
import { type ClassType, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { CoverageTarget } from "./coverage-target.entity";
import { sourceById } from "./loaders";
import { Official } from "./official.entity";
import { RegencyAlias } from "./regency-alias.entity";
import { WorkforceEstimate } from "./workforce-estimate.entity";

/** Every figure-bearing type stores a source id and answers `source` through one batched loader. */
function sourceFieldResolver<T extends { sourceId: string | null }>(type: ClassType<T>, nullable: boolean) {
  @Resolver(() => type)
  class SourceFieldResolver {
    @FieldResolver(() => Source, { nullable, description: "Where this comes from." })
    source(@Root() parent: T, @Ctx() context: RequestContext): Promise<Source | null> | null {
      return parent.sourceId ? context.loader(sourceById).load(parent.sourceId) : null;
    }
  }
  return SourceFieldResolver;
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "Every source this subgraph cites." })
  sources(@Ctx() { dataSource }: RequestContext): Promise<Source[]> {
    return dataSource.getRepository(Source).find({ order: { id: "ASC" } });
  }
}

export const sourceFieldResolvers = [
  sourceFieldResolver(WorkforceEstimate, false),
  sourceFieldResolver(CoverageTarget, false),
  sourceFieldResolver(Official, false),
  sourceFieldResolver(BranchOffice, false),
  sourceFieldResolver(BranchOfficeRegency, false),
  sourceFieldResolver(Agreement, false),
  sourceFieldResolver(RegencyAlias, true),
] as const;

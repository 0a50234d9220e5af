import { type RequestContext, Source } from "@cakupan/kit";
import { type ClassType, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { CoverageTarget } from "./coverage-target.entity";
import { District } from "./district.entity";
import { Province } from "./province.entity";
import { Regency } from "./regency.entity";
import { regionMasterSource } from "./seed/area-data";
import { Village } from "./village.entity";
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

/** Every region answers the source of the region master it comes from: static, so no statement is sent. */
function regionSourceResolver<T extends object>(type: ClassType<T>) {
  @Resolver(() => type)
  class RegionSourceResolver {
    @FieldResolver(() => Source, {
      description: "Where the region, its code and name come from: the region master (package, version and the Kemendagri decree it follows).",
    })
    source(): Source {
      return regionMasterSource();
    }
  }
  return RegionSourceResolver;
}

export const RegionSourceResolvers = [Province, Regency, District, Village].map(regionSourceResolver);

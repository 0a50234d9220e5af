import { type RequestContext, Source, sourceFieldResolver } from "@cakupan/kit";
import { type ClassType, Ctx, FieldResolver, Query, Resolver } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { CoverageTarget } from "./coverage-target.entity";
import { District } from "./district.entity";
import { OfficeHeld } from "./official.entity";
import { Province } from "./province.entity";
import { Regency } from "./regency.entity";
import { regionMasterSource } from "./seed/area-data";
import { Village } from "./village.entity";
import { Official } from "./official.entity";
import { RegencyAlias } from "./regency-alias.entity";
import { WorkforceEstimate } from "./workforce-estimate.entity";

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "Every source this subgraph cites." })
  sources(@Ctx() { dataSource }: RequestContext): Promise<Source[]> {
    return dataSource.getRepository(Source).find({ order: { id: "ASC" } });
  }
}

export const sourceFieldResolvers = [
  sourceFieldResolver(WorkforceEstimate),
  sourceFieldResolver(CoverageTarget),
  sourceFieldResolver(Official),
  sourceFieldResolver(BranchOffice),
  sourceFieldResolver(BranchOfficeRegency),
  sourceFieldResolver(Agreement),
  sourceFieldResolver(RegencyAlias, { nullable: true }),
  sourceFieldResolver(OfficeHeld, { description: "The source that shows the person in this office." }),
] as const;

/** Every region answers the source of the region master it comes from: static, so no statement is sent. */
function regionSourceResolver<T extends object>(type: ClassType<T>) {
  @Resolver(() => type)
  class RegionSourceResolver {
    @FieldResolver(() => Source, {
      description:
        "Where the region, its code and name come from: the region master (package, version and the Kemendagri decree it follows).",
    })
    source(): Source {
      return regionMasterSource();
    }
  }
  return RegionSourceResolver;
}

export const RegionSourceResolvers = [Province, Regency, District, Village].map(regionSourceResolver);

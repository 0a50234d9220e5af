import { type RequestContext, Source, sourceFieldResolver } from "@cakupan/kit";
import { Ctx, Query, Resolver } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { CoverageTarget } from "./coverage-target.entity";
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
] as const;

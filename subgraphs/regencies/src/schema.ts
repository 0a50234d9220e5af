import { DataVersion1763805000000 } from "./migrations/1763805000000-data-version";
import { buildFederatedSchema, type RequestContext, Source, sourceOfRow } from "@cakupan/kit";
import { targetsForRegency, workforceByRegency } from "./loaders";
import type { GraphQLSchema } from "graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { CoverageTarget } from "./coverage-target.entity";
import { Coverage, CoverageSourcesResolver, resolveCoverageReference } from "./coverage-sources";
import {
  CoverageScenarioRequestResolver,
  resolveCoverageScenarioRequestReference,
} from "./coverage-scenario.resolver";
import { resolveDistrictReference } from "./district.reference";
import { DistrictResolver } from "./district.resolver";
import { District } from "./district.entity";
import { CreateRegions1763798400000 } from "./migrations/1763798400000-create-regions";
import { TruthOfFigures1763806000000 } from "./migrations/1763806000000-truth-of-figures";
import { DataVersionNotify1764500000000 } from "./migrations/1764500000000-data-version-notify";
import { Official } from "./official.entity";
import {
  AgreementResolver,
  BranchOfficeRegencyResolver,
  BranchOfficeResolver,
  OfficialResolver,
} from "./official.resolver";
import { Province } from "./province.entity";
import { resolveProvinceReference } from "./province.reference";
import { ProvinceResolver } from "./province.resolver";
import { RegencyAlias } from "./regency-alias.entity";
import { Regency } from "./regency.entity";
import { resolveRegencyReference } from "./regency.reference";
import { RegencyResolver } from "./regency.resolver";
import { RegionResolutionResolver } from "./region-resolution";
import { RegionSourceResolvers, SourceResolver, sourceFieldResolvers } from "./source.resolver";
import { Village } from "./village.entity";
import { resolveVillageReference } from "./village.reference";
import { VillageResolver } from "./village.resolver";
import { WorkforceEstimate } from "./workforce-estimate.entity";

export const SUBGRAPH_NAME = "regencies";

export const entities = [
  Source,
  Province,
  Regency,
  District,
  Village,
  RegencyAlias,
  WorkforceEstimate,
  CoverageTarget,
  BranchOffice,
  BranchOfficeRegency,
  Official,
  Agreement,
];

export const migrations = [
  CreateRegions1763798400000,
  DataVersion1763805000000,
  TruthOfFigures1763806000000,
  DataVersionNotify1764500000000,
];

export function buildRegenciesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      // Reached only through another subgraph's fields: named here, or it would be left out.
      orphanedTypes: [Coverage],
      resolvers: [
        ProvinceResolver,
        RegencyResolver,
        RegionResolutionResolver,
        DistrictResolver,
        VillageResolver,
        OfficialResolver,
        BranchOfficeResolver,
        BranchOfficeRegencyResolver,
        AgreementResolver,
        SourceResolver,
        CoverageSourcesResolver,
        CoverageScenarioRequestResolver,
        ...RegionSourceResolvers,
        ...sourceFieldResolvers,
      ],
    },
    {
      Province: { __resolveReference: resolveProvinceReference },
      Regency: { __resolveReference: resolveRegencyReference },
      District: { __resolveReference: resolveDistrictReference },
      Village: { __resolveReference: resolveVillageReference },
      Coverage: { __resolveReference: resolveCoverageReference },
      CoverageScenarioRequest: { __resolveReference: resolveCoverageScenarioRequestReference },
    },
    // The national table's figures, 514 regencies' each and ~2,000 sources by id, without type-graphql's
    // wrapper of every call (these fields have no @Authorized and no middleware).
    {
      Regency: {
        workforceEstimates: (regency: Regency, _args: unknown, context: RequestContext) =>
          context.loader(workforceByRegency).load(regency.code),
        coverageTargets: (regency: Regency, _args: unknown, context: RequestContext) =>
          context.loader(targetsForRegency).load(regency.code),
      },
      WorkforceEstimate: { source: sourceOfRow },
      CoverageTarget: { source: sourceOfRow },
    },
  );
}

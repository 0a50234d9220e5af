import { DataVersion1763805000000 } from "./migrations/1763805000000-data-version";
import {
  AuditEntry,
  auditLogResolver,
  buildFederatedSchema,
  Source,
  sourceFieldResolver,
} from "@cakupan/kit";
import type { GraphQLSchema } from "graphql";
import { AwardCategory } from "./award-category.entity";
import { AwardEdition, AwardGiver, EditionCategory, EditionIdentity } from "./award-edition.entity";
import { AwardEditionResolver, EditionIdentityResolver } from "./award-edition.resolver";
import { TruthOfFigures1763806000000 } from "./migrations/1763806000000-truth-of-figures";
import { DataVersionNotify1764500000000 } from "./migrations/1764500000000-data-version-notify";
import { CreateAwards1763801000000 } from "./migrations/1763801000000-create-awards";
import { CreateAuditLog1763802100000 } from "./migrations/1763802100000-create-audit-log";
import { AwardResult, Nomination, NominationStage, Organisation } from "./nomination.entity";
import { AwardResultResolver, NominationResolver } from "./nomination.resolver";
import { Province, Regency, Village } from "./region.entity";
import { regionAwardsResolvers, resolveRegionReference } from "./region.resolver";

export const SUBGRAPH_NAME = "awards";

export const entities = [
  Source,
  AwardCategory,
  AwardEdition,
  EditionCategory,
  EditionIdentity,
  Organisation,
  Nomination,
  NominationStage,
  AwardResult,
  AuditEntry,
  AwardGiver,
];

export const migrations = [
  CreateAwards1763801000000,
  CreateAuditLog1763802100000,
  DataVersion1763805000000,
  TruthOfFigures1763806000000,
  DataVersionNotify1764500000000,
];

export function buildAwardsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        AwardEditionResolver,
        EditionIdentityResolver,
        NominationResolver,
        AwardResultResolver,
        ...regionAwardsResolvers,
        sourceFieldResolver(AwardEdition),
        sourceFieldResolver(Nomination),
        sourceFieldResolver(AwardResult),
        sourceFieldResolver(NominationStage),
        sourceFieldResolver(AwardGiver),
        auditLogResolver("awardsAuditLog"),
      ],
      orphanedTypes: [Regency, Province, Village],
    },
    {
      Regency: { __resolveReference: resolveRegionReference },
      Province: { __resolveReference: resolveRegionReference },
      Village: { __resolveReference: resolveRegionReference },
    },
  );
}

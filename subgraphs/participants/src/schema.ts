import { DataVersion1763805000000 } from "./migrations/1763805000000-data-version";
import {
  AuditEntry,
  auditLogResolver,
  buildFederatedSchema,
  type RequestContext,
  Source,
  sourceFieldResolver,
} from "@cakupan/kit";
import type { GraphQLSchema } from "graphql";
import { CoverageReport, CoverageReportPart } from "./coverage/coverage-report.entity";
import { CoverageReportResolver } from "./coverage/coverage-report.resolver";
import { FundedPersons } from "./coverage/planning.type";
import { CoverageImportResolver } from "./coverage/coverage-import.resolver";
import { RuleResolver, ruleSourceResolver } from "./rules";
import {
  type CoverageArgs,
  CoverageSegmentsResolver,
  ProvinceCoverageResolver,
  RegencyCoverageResolver,
  regencyCoverage,
} from "./coverage/coverage.resolver";
import {
  CoverageScenarioRequest,
  CoverageScenarioRequestResolver,
  ProvincePlanningResolver,
  RegencyPlanningResolver,
} from "./coverage/planning.resolver";
import { CreateCoverageReports1763800000000 } from "./migrations/1763800000000-create-coverage-reports";
import { CreateAuditLog1763802000000 } from "./migrations/1763802000000-create-audit-log";
import { resolveProvinceReference } from "./province.reference";
import { resolveRegencyReference } from "./regency.reference";
import { District, Province, type Regency, Village } from "./regency.entity";
import { Participant } from "./registry/participant.entity";
import { ParticipantResolver, RegencyParticipantsResolver } from "./registry/participant.resolver";
import { participantStatsResolvers } from "./registry/participant-stats.resolver";
import { CreateRegistry1763803000000 } from "./migrations/1763803000000-create-registry";
import { ParticipantCounts1763804000000 } from "./migrations/1763804000000-participant-counts";
import { TruthOfFigures1763806000000 } from "./migrations/1763806000000-truth-of-figures";
import { DataVersionNotify1764500000000 } from "./migrations/1764500000000-data-version-notify";
import { ParticipantCountsOncePerImport1764600000000 } from "./migrations/1764600000000-participant-counts-once-per-import";
import { StatusHistoryReferencePerStatement1764700000000 } from "./migrations/1764700000000-status-history-reference-per-statement";

export const SUBGRAPH_NAME = "participants";

export const entities = [Source, CoverageReport, CoverageReportPart, AuditEntry, Participant];

export const migrations = [
  CreateCoverageReports1763800000000,
  CreateAuditLog1763802000000,
  CreateRegistry1763803000000,
  ParticipantCounts1763804000000,
  DataVersion1763805000000,
  TruthOfFigures1763806000000,
  DataVersionNotify1764500000000,
  ParticipantCountsOncePerImport1764600000000,
  StatusHistoryReferencePerStatement1764700000000,
];

export function buildParticipantsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        RegencyCoverageResolver,
        ProvinceCoverageResolver,
        CoverageSegmentsResolver,
        RegencyPlanningResolver,
        ProvincePlanningResolver,
        CoverageScenarioRequestResolver,
        CoverageReportResolver,
        CoverageImportResolver,
        ParticipantResolver,
        RegencyParticipantsResolver,
        ...participantStatsResolvers,
        sourceFieldResolver(CoverageReport),
        sourceFieldResolver(FundedPersons),
        auditLogResolver("participantsAuditLog"),
        RuleResolver,
        ruleSourceResolver,
      ],
      // Province is reached only through the gateway (no field here returns it), so it is named explicitly.
      orphanedTypes: [Province, District, Village, CoverageScenarioRequest],
    },
    {
      Regency: { __resolveReference: resolveRegencyReference },
      Province: { __resolveReference: resolveProvinceReference },
      District: { __resolveReference: (reference: District) => reference },
      Village: { __resolveReference: (reference: Village) => reference },
      CoverageScenarioRequest: { __resolveReference: (reference: CoverageScenarioRequest) => reference },
    },
    // Without type-graphql's wrapper of each of a national table's 514 calls (no @Authorized, no middleware).
    {
      Regency: {
        coverage: (regency: Regency, args: CoverageArgs, context: RequestContext) =>
          regencyCoverage(regency, args, context),
      },
    },
  );
}

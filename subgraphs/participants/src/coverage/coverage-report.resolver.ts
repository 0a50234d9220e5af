import {
  assertRegencyAccess,
  audit,
  invalidInput,
  type RequestContext,
  resolveSourceInput,
  toIsoDate,
} from "@cakupan/kit";
import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { EntityManager } from "typeorm";
import { CATEGORIES, CoverageMeasure, CoverageReport, CoverageReportPart } from "./coverage-report.entity";
import { CoverageReportInput } from "./coverage-report.input";
import { coverageReportViolations } from "./coverage-report.validation";
import { toSegments } from "./coverage";
import { notifyCoverageChanged } from "./coverage.events";
import { SegmentCount } from "./coverage.type";
import { partsByReport } from "./loaders";
import { Regency, regencyStub } from "../regency.entity";

/** Stores a report with its parts in one transaction; the same regency, date and source replaces the earlier one. */
export async function storeCoverageReport(
  manager: EntityManager,
  input: CoverageReportInput,
  sourceId: string,
): Promise<CoverageReport> {
  const values = {
    regencyCode: input.regencyCode,
    asOf: toIsoDate(input.asOf),
    asOfPrecision: input.asOfPrecision,
    activeParticipants: input.activeParticipants,
    status: input.status,
    measure: input.measure ?? CoverageMeasure.ACTIVE,
    measureAsPrinted: input.measureAsPrinted?.trim() || null,
    inferred: Boolean(input.inference?.trim()),
    inference: input.inference?.trim() || null,
    sourceId,
    claimedRate: input.claimedRate ?? null,
    claimedGap: input.claimedGap ?? null,
    claimedGapTarget: input.claimedGapTarget ?? null,
    claimedGapYear: input.claimedGapYear ?? null,
    note: input.note ?? null,
  };
  await manager.upsert(CoverageReport, values, { conflictPaths: ["regencyCode", "asOf", "sourceId"] });
  const report = await manager.findOneByOrFail(CoverageReport, {
    regencyCode: values.regencyCode,
    asOf: values.asOf,
    sourceId,
  });
  await manager.delete(CoverageReportPart, { reportId: report.id });
  if (input.parts.length) {
    await manager.insert(
      CoverageReportPart,
      input.parts.map((part) => ({
        reportId: report.id,
        dimension: CATEGORIES[part.category].dimension,
        category: part.category,
        persons: part.persons,
        status: part.status,
        note: part.note ?? null,
        inferred: Boolean(part.inference?.trim()),
        inference: part.inference?.trim() || null,
      })),
    );
  }
  return report;
}

@Resolver(() => CoverageReport)
export class CoverageReportResolver {
  @Mutation(() => CoverageReport, {
    description:
      "Records active participants of a regency at a date from one source; recording the same regency, date and source again updates that report. Refused with BAD_USER_INPUT, storing nothing, when any rule is broken.",
  })
  @Authorized("operator", "admin")
  @Directive('@requiresScopes(scopes: [["operator"], ["admin"]])')
  async recordCoverageReport(
    @Arg("input", () => CoverageReportInput, {
      description:
        "The report: regency, date, total, what it counts, its source and parts. Operators of that regency and admins only.",
    })
    input: CoverageReportInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<CoverageReport> {
    assertRegencyAccess(identity, input.regencyCode, "record coverage reports");
    const violations = coverageReportViolations(input);
    if (violations.length) throw invalidInput("The coverage report", violations);
    return dataSource.transaction(async (manager) => {
      const source = await resolveSourceInput(manager, input.source!);
      if (!source) {
        throw invalidInput("The coverage report", [
          {
            field: "source.id",
            rule: "UNKNOWN_SOURCE",
            message: `No source has the id "${input.source!.id}": give publisher and title instead.`,
          },
        ]);
      }
      const report = await storeCoverageReport(manager, input, source.id);
      await audit(manager, identity, {
        action: "recordCoverageReport",
        entity: "CoverageReport",
        recordIds: [report.id],
        details: { regencyCode: report.regencyCode, asOf: report.asOf, sourceId: source.id },
      });
      await notifyCoverageChanged(manager, report.regencyCode, report.asOf);
      return report;
    });
  }

  @FieldResolver(() => Regency, { description: "The regency or city reported on." })
  regency(@Root() report: CoverageReport): Regency {
    return regencyStub(report.regencyCode);
  }

  @FieldResolver(() => [SegmentCount], {
    description: "The parts the source gives: by segment, group and funding (signed-in users).",
  })
  @Authorized()
  @Directive("@authenticated")
  async segments(@Root() report: CoverageReport, @Ctx() context: RequestContext): Promise<SegmentCount[]> {
    return toSegments(await context.loader(partsByReport).load(report.id), report.activeParticipants);
  }
}

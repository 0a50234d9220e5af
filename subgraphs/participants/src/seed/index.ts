import { ALL_SEED_SOURCES, Source } from "@cakupan/kit";
import type { DataSource } from "typeorm";
import { CATEGORIES, CoverageReport, CoverageReportPart } from "../coverage/coverage-report.entity";
import { storeCoverageReport } from "../coverage/coverage-report.resolver";
import { SEED_PARTIAL_REPORTS, SEED_REPORTS } from "./figures";

/** Seeds the figures of the source articles with their sources; idempotent (reports are keyed by regency, date and source). */
export async function seedParticipants(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.upsert(Source, ALL_SEED_SOURCES, ["id"]);
    for (const { sourceId, report } of SEED_REPORTS)
      await storeCoverageReport(manager, report as never, sourceId);
    for (const partial of SEED_PARTIAL_REPORTS) {
      const { parts, ...values } = partial;
      await manager.upsert(
        CoverageReport,
        { ...values, activeParticipants: null },
        { conflictPaths: ["regencyCode", "asOf", "sourceId"] },
      );
      const stored = await manager.findOneByOrFail(CoverageReport, {
        regencyCode: values.regencyCode,
        asOf: values.asOf,
        sourceId: values.sourceId,
      });
      await manager.delete(CoverageReportPart, { reportId: stored.id });
      await manager.insert(
        CoverageReportPart,
        parts.map((part) => ({
          ...part,
          reportId: stored.id,
          dimension: CATEGORIES[part.category].dimension,
        })),
      );
    }
  });
}

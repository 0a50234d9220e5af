import {
  audit,
  invalidInput,
  type RequestContext,
  resolveSourceInput,
  SourceInput,
  sourceInputViolations,
} from "@cakupan/kit";
import { Arg, Authorized, Ctx, Directive, Field, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { parseCoverageCsv, storeCoverageReports } from "./coverage-import";
import { findingsOf, ImportFindings } from "../registry/import-report.type";

@ObjectType("CoverageImportReport", {
  description: "What an import of monthly coverage figures (impor laporan kepesertaan) found and did.",
})
export class CoverageImportReport extends ImportFindings {
  @Field({ description: "True when asked to check only." })
  dryRun!: boolean;

  @Field(() => Int, { description: "Data rows in the file (the header not counted)." })
  rows!: number;

  @Field(() => Int, { description: "Rows without a problem." })
  valid!: number;

  @Field(() => Int, {
    description: "Reports the rows make: one per regency and date (segment rows are its parts).",
  })
  reports!: number;

  @Field({ description: "True when the reports were stored: a real run of a file without problems." })
  stored!: boolean;

  @Field(() => Int, { description: "Reports stored that were not there." })
  inserted!: number;

  @Field(() => Int, { description: "Reports of the same regency, date and source whose figures changed." })
  updated!: number;

  @Field(() => Int, { description: "Reports already stored exactly so: importing a file again stores none." })
  unchanged!: number;
}

@Resolver()
export class CoverageImportResolver {
  @Mutation(() => CoverageImportReport, {
    description:
      "Imports a table of coverage figures (operators of the regencies in it, admins): one row per regency, date and optional segment, all from `source`. dryRun checks only. A file with any problem stores nothing; a clean one is stored in one transaction; importing it again stores nothing new. Columns: kode_kabupaten (16.06 or 1606), posisi (2025-07-31, 31/07/2025 or the month 2025-07), peserta; optional segmen (empty: the total), ukuran (aktif/terdaftar), status (dilaporkan/perkiraan), catatan.",
  })
  @Authorized("operator", "admin")
  @Directive('@requiresScopes(scopes: [["operator"], ["admin"]])')
  async importCoverageReports(
    @Arg("csv", { description: "The table as CSV text, header first (, or ; separated)." }) csv: string,
    @Arg("source", () => SourceInput, { description: "Where the table comes from (sumber tabel)." })
    source: SourceInput,
    @Arg("dryRun", { defaultValue: false, description: "Check only; store nothing." }) dryRun: boolean,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<CoverageImportReport> {
    const sourceProblems = sourceInputViolations(source);
    if (sourceProblems.length) throw invalidInput("The coverage table", sourceProblems);
    const parsed = await parseCoverageCsv(csv, identity);
    const report = Object.assign(new CoverageImportReport(), {
      dryRun,
      rows: parsed.rowCount,
      valid: parsed.rows.length,
      reports: parsed.problems.count ? 0 : parsed.reports.length,
      stored: false,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      ...findingsOf(parsed.problems),
    });
    if (dryRun || parsed.problems.count) return report;
    const stored = await dataSource.transaction(async (manager) => {
      const found = await resolveSourceInput(manager, source);
      if (!found)
        throw invalidInput("The coverage table", [
          {
            field: "source.id",
            rule: "UNKNOWN_SOURCE",
            message: `No source has the id "${source.id}": give publisher and title instead.`,
          },
        ]);
      const result = await storeCoverageReports(manager, parsed.reports, found.id);
      await audit(manager, identity, {
        action: "importCoverageReports",
        entity: "CoverageReport",
        recordIds: result.ids,
        details: {
          sourceId: found.id,
          rows: parsed.rowCount,
          inserted: result.inserted,
          updated: result.updated,
        },
      });
      return result;
    });
    return Object.assign(report, {
      stored: true,
      inserted: stored.inserted,
      updated: stored.updated,
      unchanged: stored.unchanged,
    });
  }
}

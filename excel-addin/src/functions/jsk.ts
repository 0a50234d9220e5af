import { categoryFromText, categoryWords, todayInJakarta } from "@cakupan/core";
import { asTextCells } from "../shared/cell-text";
import type { GatewayConfig } from "../shared/gateway";
import { dateArgument, listArgument, rupiahArgument, yearArgument } from "./arguments";
import LOOKUPS from "../operations/lookups.graphql";
import { Batcher } from "./batcher";
import { RegionDirectory, type RegencyEntry, regencyLabel } from "./directory";
import { CellError, invalidValue, notAvailable, toExcelError } from "./errors";

export interface CoverageFigures {
  asOf: string;
  activeParticipants: number;
  /** REPORTED, or ESTIMATE when the source rounds. */
  activeParticipantsStatus: string;
  workforce: number | null;
  rate: number | null;
  target: number | null;
  targetYear: number | null;
  gap: number | null;
  requiredMonthlyPace: number | null;
  status: string | null;
  /** What the figure counts, as the source prints it: ACTIVE or REGISTERED. */
  measure: string;
  inferred: boolean;
  inference: string | null;
  /** Whole months from the report to the date asked; stale when older than the maxAgeMonths asked (12). */
  ageMonths: number;
  stale: boolean;
  notes: string[];
  discrepancies: { field: string }[];
  sources: {
    publisher: string | null;
    title: string | null;
    publishedOn: string | null;
    reportedOn: string | null;
  }[];
}

/**
 * What a row's figure is, as the dashboard's badges say it: no report (unknown, not zero), an estimate, no
 * workforce estimate (no rate), a source's claim its own figures do not give, a stale report (older than
 * maxAgeMonths: no status), a value derived rather than printed (see the task pane's source view for why).
 */
export function flagsOf(coverage: CoverageFigures | null): string[] {
  if (!coverage) return ["NO_REPORT"];
  const flags: string[] = [];
  if (coverage.activeParticipantsStatus === "ESTIMATE") flags.push("ESTIMATE");
  if (coverage.workforce === null) flags.push("NO_WORKFORCE");
  if (coverage.discrepancies?.length) flags.push("DISCREPANCY");
  if (coverage.stale) flags.push("STALE");
  if (coverage.inferred) flags.push("INFERRED");
  return flags;
}

/** Breakdowns (JskSegments) are for signed-in users (a planner's token in the task pane): asked only when a cell wants one. */

/** The columns TABLE can show, and how each reads a row. */
export const TABLE_FIELDS: Record<string, (row: TableRow) => string | number> = {
  code: (r) => r.code,
  name: (r) => r.name,
  province: (r) => r.province,
  asOf: (r) => r.coverage?.asOf ?? "",
  active: (r) => r.coverage?.activeParticipants ?? "",
  figureStatus: (r) => r.coverage?.activeParticipantsStatus ?? "",
  measure: (r) => r.coverage?.measure ?? "",
  workforce: (r) => r.coverage?.workforce ?? "",
  rate: (r) => r.coverage?.rate ?? "",
  target: (r) => r.coverage?.target ?? "",
  gap: (r) => r.coverage?.gap ?? "",
  pace: (r) => r.coverage?.requiredMonthlyPace ?? "",
  status: (r) => r.coverage?.status ?? "",
  ageMonths: (r) => r.coverage?.ageMonths ?? "",
  stale: (r) => (r.coverage ? (r.coverage.stale ? "stale" : "") : ""),
  inferred: (r) => (r.coverage ? (r.coverage.inferred ? "inferred" : "") : ""),
  flags: (r) => flagsOf(r.coverage).join(" "),
  source: (r) =>
    r.coverage?.sources
      .map((s) => [s.publisher, s.publishedOn ?? s.reportedOn].filter(Boolean).join(" "))
      .join("; ") ?? "",
};
export const DEFAULT_TABLE_FIELDS = [
  "code",
  "name",
  "active",
  "measure",
  "workforce",
  "rate",
  "target",
  "gap",
  "status",
  "ageMonths",
  "flags",
  "source",
];
/** The columns the participants service answers; the others come from the regions. */
export const COVERAGE_FIELDS = new Set([
  "asOf",
  "active",
  "figureStatus",
  "measure",
  "workforce",
  "rate",
  "target",
  "gap",
  "pace",
  "status",
  "ageMonths",
  "stale",
  "inferred",
  "flags",
  "source",
]);

export interface TableRow {
  code: string;
  name: string;
  province: string;
  coverage: CoverageFigures | null;
  /** Set when the service holding the coverage was down: its columns show #N/A with this error. */
  unavailable?: CellError;
}

/** What a table cell shows: the figure, or the row's outage where the column needed the service that is down. */
export function tableCell(row: TableRow, field: string): string | number | CellError {
  return row.unavailable && COVERAGE_FIELDS.has(field) ? row.unavailable : TABLE_FIELDS[field](row);
}

/** A segment, group or funding source as a planner types it ("PU", "perangkat desa"), as the API names it. */
export function segmentCategory(segment: string): string {
  const category = categoryFromText(segment);
  if (!category) throw invalidValue(`Unknown segment '${segment}': use ${categoryWords()}.`);
  return category;
}

export const LIVE_METRICS = ["rate", "active", "gap", "workforce", "target"] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];

export function metricArgument(value: unknown): LiveMetric {
  const metric = (
    value === undefined || value === null || value === "" ? "rate" : String(value).trim().toLowerCase()
  ) as LiveMetric;
  if (!LIVE_METRICS.includes(metric))
    throw invalidValue(`Unknown metric '${String(value)}': use ${LIVE_METRICS.join(", ")}.`);
  return metric;
}

export function metricOf(coverage: CoverageFigures, metric: LiveMetric, regionName: string): number {
  const value = {
    rate: coverage.rate,
    active: coverage.activeParticipants,
    gap: coverage.gap,
    workforce: coverage.workforce,
    target: coverage.target,
  }[metric];
  if (value === null || value === undefined)
    throw notAvailable(
      `${regionName} has no ${metric} at ${coverage.asOf}: a workforce estimate or target is missing.`,
    );
  return value;
}

/**
 * What the JSK functions compute, independent of Excel: region arguments resolved through the directory,
 * figures fetched through the batcher. Every failure is a CellError with a message for the planner.
 */
export class Jsk {
  readonly batcher: Batcher;
  readonly directory: RegionDirectory;

  constructor(
    readonly gateway: () => GatewayConfig,
    options: { delayMs?: number } = {},
  ) {
    this.batcher = new Batcher(gateway, options.delayMs);
    this.directory = new RegionDirectory(gateway);
  }

  /**
   * What a region argument means: its Kemendagri code and official name, so a sheet can show what its
   * references read as. #N/A naming the candidates when it names two regions, or what a reference looks like.
   */
  async region(value: unknown): Promise<[[string, string]]> {
    const regency = await this.directory.regency(value);
    return [[regency.code, regency.name]];
  }

  /** Coverage of a regency at a date (null asOf: today), or null when it has no report by then. */
  async coverageOf(regency: RegencyEntry, asOf: string | null): Promise<CoverageFigures | null> {
    const result = await this.batcher.fetch<{ coverage: CoverageFigures | null }>(
      `coverage|${regency.code}|${asOf ?? ""}`,
      LOOKUPS.JskCoverage,
      { code: regency.code, asOf },
    );
    return result?.coverage ?? null;
  }

  private async requireCoverage(
    region: unknown,
    asOfValue: unknown,
  ): Promise<{ regency: RegencyEntry; coverage: CoverageFigures }> {
    const asOf = dateArgument(asOfValue, "asOf");
    const regency = await this.directory.regency(region);
    const coverage = await this.coverageOf(regency, asOf);
    if (!coverage)
      throw notAvailable(`No coverage report for ${regencyLabel(regency)} at or before ${asOf ?? "today"}.`);
    return { regency, coverage };
  }

  async coverage(region: unknown, asOf?: unknown): Promise<number> {
    const { regency, coverage } = await this.requireCoverage(region, asOf);
    return metricOf(coverage, "rate", regencyLabel(regency));
  }

  async participants(region: unknown, asOfValue?: unknown, segment?: unknown): Promise<number> {
    const category =
      segment === undefined || segment === null || segment === "" ? null : segmentCategory(String(segment));
    if (!category) return (await this.requireCoverage(region, asOfValue)).coverage.activeParticipants;
    const asOf = dateArgument(asOfValue, "asOf");
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{
      coverage: { asOf: string; segments: { category: string; persons: number }[] } | null;
    }>(`segments|${regency.code}|${asOf ?? ""}`, LOOKUPS.JskSegments, { code: regency.code, asOf });
    if (!result?.coverage)
      throw notAvailable(`No coverage report for ${regencyLabel(regency)} at or before ${asOf ?? "today"}.`);
    const part = result.coverage.segments.find((s) => s.category === category);
    if (!part)
      throw notAvailable(
        `The report of ${result.coverage.asOf} for ${regencyLabel(regency)} gives no figure for ${String(segment)}.`,
      );
    return part.persons;
  }

  private async figures(region: unknown) {
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{
      workforceEstimates: { year: number; persons: number }[];
      coverageTargets: { year: number; rate: number; scheme: string }[];
    }>(`figures|${regency.code}`, LOOKUPS.JskFigures, { code: regency.code });
    return {
      regency,
      workforceEstimates: result?.workforceEstimates ?? [],
      coverageTargets: result?.coverageTargets ?? [],
    };
  }

  async workforce(region: unknown, yearValue?: unknown): Promise<number> {
    const year = yearArgument(yearValue);
    const { regency, workforceEstimates } = await this.figures(region);
    const sorted = [...workforceEstimates].sort((a, b) => b.year - a.year);
    const estimate = year === null ? sorted[0] : sorted.find((e) => e.year === year);
    if (!estimate)
      throw notAvailable(
        `No workforce estimate for ${regencyLabel(regency)}${year === null ? "" : ` for ${year}`}.`,
      );
    return estimate.persons;
  }

  /** The target in force in `year`, by the rule coverage applies (that year's own, of the measured scheme). */
  async target(region: unknown, yearValue?: unknown): Promise<number> {
    const year = yearArgument(yearValue) ?? Number(todayInJakarta().slice(0, 4));
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{ coverageTargetInForce: { year: number; rate: number } | null }>(
      `target|${regency.code}|${year}`,
      LOOKUPS.JskTarget,
      { code: regency.code, year },
    );
    if (result?.coverageTargetInForce) return result.coverageTargetInForce.rate;
    const { coverageTargets } = await this.figures(region);
    const known = [...coverageTargets].sort((a, b) => b.year - a.year);
    const last = known.find((t) => t.year < year) ?? known[known.length - 1];
    const hint = last
      ? `; the ${last.year < year ? "last" : "next"} known is ${(last.rate * 100).toFixed(2)}% for ${last.year}`
      : "";
    throw notAvailable(`No coverage target for ${regencyLabel(regency)} in ${year}${hint}.`);
  }

  async gap(region: unknown, yearValue?: unknown): Promise<number> {
    const year = yearArgument(yearValue);
    const { regency, coverage } = await this.requireCoverage(region, year === null ? null : `${year}-12-31`);
    return metricOf(coverage, "gap", regencyLabel(regency));
  }

  /** Coverage expected at the end of `year` (default this year) at the observed pace: a fraction. */
  async projection(region: unknown, yearValue?: unknown): Promise<number> {
    const year = yearArgument(yearValue) ?? Number(todayInJakarta().slice(0, 4));
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{
      coverageProjection: { projectedRate: number | null; methodDescription: string; notes: string[] } | null;
    }>(`projection|${regency.code}|${year}`, LOOKUPS.JskProjection, { code: regency.code, year });
    const projection = result?.coverageProjection;
    if (!projection) throw notAvailable(`No projection for ${regency.shortName} in ${year}.`);
    if (projection.projectedRate === null)
      throw notAvailable(
        `${regency.shortName}, ${year}: ${[projection.methodDescription, ...projection.notes].join(" ")}`,
      );
    return projection.projectedRate;
  }

  /**
   * Rupiah to close `year`'s gap for the months left after the last report, at `contribution` a person a
   * month (default: the rule's minimum for non-wage workers).
   */
  async gapCost(region: unknown, yearValue?: unknown, contributionValue?: unknown): Promise<number> {
    const year = yearArgument(yearValue) ?? Number(todayInJakarta().slice(0, 4));
    const contribution = rupiahArgument(contributionValue, "contribution");
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{
      gapFunding: { restOfYearCost: number | null; notes: string[] } | null;
    }>(`gapcost|${regency.code}|${year}|${contribution ?? ""}`, LOOKUPS.JskGapCost, {
      code: regency.code,
      year,
      contribution,
    });
    const funding = result?.gapFunding;
    if (!funding || funding.restOfYearCost === null)
      throw notAvailable(
        `No gap cost for ${regency.shortName} in ${year}: ${funding?.notes.join(" ") ?? ""}`,
      );
    return funding.restOfYearCost;
  }

  /** Rows for a province (code or name) or for a list of regions; coverage null where none reported. */
  async tableRows(regions: unknown, asOf: string | null): Promise<TableRow[]> {
    const single = Array.isArray(regions) ? listArgument(regions) : [String(regions ?? "").trim()];
    if (single.length === 1) {
      const province = await this.directory.province(single[0]);
      if (province) {
        const { value: rows, unavailable } = await this.batcher.fetchPartial<
          { code: string; name: string; coverage: CoverageFigures | null }[]
        >(`province|${province.code}|${asOf ?? ""}`, LOOKUPS.JskProvinceTable, {
          provinceCode: province.code,
          asOf,
        });
        const missing = new Map(unavailable.map(({ path, error }) => [path[0], error]));
        return (rows ?? []).map((row, index) => ({
          ...row,
          province: province.name,
          unavailable: missing.get(index),
        }));
      }
    }
    if (!single.length || !single[0])
      throw invalidValue("regions is empty: give a province (16, Sumatera Selatan) or a range of regencies.");
    const regencies = await Promise.all(single.map((value) => this.directory.regency(value)));
    const coverages = await Promise.all(
      regencies.map((regency) =>
        this.coverageOf(regency, asOf).then(
          (coverage) => ({ coverage }),
          (error: unknown) => {
            if (error instanceof CellError && error.unavailableService)
              return { coverage: null, unavailable: error };
            throw error;
          },
        ),
      ),
    );
    return regencies.map((regency, i) => ({
      code: regency.code,
      name: regency.name,
      province: regency.province.name,
      ...coverages[i],
    }));
  }

  async table(
    regions: unknown,
    fieldsValue?: unknown,
    asOfValue?: unknown,
  ): Promise<(string | number | Error)[][]> {
    const fields = listArgument(fieldsValue).map((f) => f.trim());
    const chosen = fields.length ? fields : DEFAULT_TABLE_FIELDS;
    const unknown = chosen.filter((f) => !(f in TABLE_FIELDS));
    if (unknown.length)
      throw invalidValue(
        `Unknown field(s) ${unknown.join(", ")}: use ${Object.keys(TABLE_FIELDS).join(", ")}.`,
      );
    const rows = await this.tableRows(regions, dateArgument(asOfValue, "asOf"));
    return asTextCells([
      chosen,
      ...rows.map((row) =>
        chosen.map((field) => {
          const cell = tableCell(row, field);
          return cell instanceof CellError ? toExcelError(cell) : cell;
        }),
      ),
    ]);
  }

  async history(region: unknown, fromValue?: unknown, toValue?: unknown): Promise<(string | number)[][]> {
    const [from, to] = [dateArgument(fromValue, "from"), dateArgument(toValue, "to")];
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{
      coverageHistory: {
        asOf: string;
        activeParticipants: number | null;
        rate: number | null;
        status: string;
        source: { publisher: string | null };
      }[];
    }>(`history|${regency.code}|${from ?? ""}|${to ?? ""}`, LOOKUPS.JskHistory, {
      code: regency.code,
      from,
      to,
    });
    const reports = result?.coverageHistory ?? [];
    if (!reports.length)
      throw notAvailable(
        `No coverage reports for ${regencyLabel(regency)}${from || to ? ` from ${from ?? "the start"} to ${to ?? "today"}` : ""}.`,
      );
    return asTextCells([
      ["asOf", "active", "rate", "status", "source"],
      ...reports.map((r) => [
        r.asOf,
        r.activeParticipants ?? "",
        r.rate ?? "",
        r.status,
        r.source.publisher ?? "",
      ]),
    ]);
  }

  async awards(region: unknown): Promise<(string | number)[][]> {
    const regency = await this.directory.regency(region);
    const result = await this.batcher.fetch<{
      awards: {
        rank: number;
        title: string;
        edition: { name: string; level: string };
        category: { name: string };
        source: { publisher: string | null };
      }[];
    }>(`awards|${regency.code}`, LOOKUPS.JskAwards, { code: regency.code });
    const awards = result?.awards ?? [];
    if (!awards.length)
      throw notAvailable(`No Paritrana Award results recorded for ${regencyLabel(regency)}.`);
    const rows = awards.map((a) => [
      a.edition.name,
      a.edition.level,
      a.category.name,
      a.rank,
      a.title,
      a.source.publisher ?? "",
    ]);
    return asTextCells([["edition", "level", "category", "rank", "title", "source"], ...rows]);
  }
}

import { FigureStatus, type IsoDate, type RequestContext, type Source, sourceById } from "@cakupan/kit";
import { CATEGORIES, type CoverageReport, type CoverageReportPart } from "./coverage-report.entity";
import {
  countAgrees,
  coverageGap,
  coverageRate,
  coverageStatus,
  figureForYear,
  observedMonthlyPace,
  rateAgrees,
  requiredMonthlyPace,
  targetForYear,
} from "./coverage.indicator";
import { Coverage, CoverageStatus, Discrepancy, SegmentCount } from "./coverage.type";
import { dated, latestReports, partsByReport } from "./loaders";
import { type CoverageTarget, type Regency, regencyStub, type WorkforceEstimate } from "../regency.entity";

/** The scheme coverage is measured against when a regency has targets of several schemes. */
export const PRIMARY_SCHEME = "UCJ";

const formatPersons = (n: number) => n.toLocaleString("en");
const formatPercent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

/**
 * Several sources may report the same regency and date. The one used: REPORTED before ESTIMATE (a stated
 * figure over a rounded one), then the most recently published source (a later publication corrects an
 * earlier one), then the most recently recorded. The others are shown as alternatives.
 */
export function rankReports(reports: CoverageReport[], sources: Map<string, Source>): CoverageReport[] {
  const published = (r: CoverageReport) => sources.get(r.sourceId)?.publishedOn ?? "";
  return [...reports].sort(
    (a, b) =>
      Number(a.status !== FigureStatus.REPORTED) - Number(b.status !== FigureStatus.REPORTED) ||
      published(b).localeCompare(published(a)) ||
      b.updatedAt.getTime() - a.updatedAt.getTime() ||
      b.id - a.id,
  );
}

export function toSegments(parts: CoverageReportPart[], total: number | null): SegmentCount[] {
  return parts.map((part) =>
    Object.assign(new SegmentCount(), {
      dimension: part.dimension,
      category: part.category,
      label: CATEGORIES[part.category].label,
      persons: part.persons,
      share: total ? part.persons / total : null,
      status: part.status,
      note: part.note,
      reportId: part.reportId,
    }),
  );
}

function primaryTargets(targets: CoverageTarget[]): CoverageTarget[] {
  const primary = targets.filter((t) => t.scheme === PRIMARY_SCHEME);
  return primary.length ? primary : targets;
}

/** The workforce that gives a report its rate: the report year's estimate, else the nearest year's. */
export function workforceFor(report: CoverageReport, estimates: WorkforceEstimate[]): WorkforceEstimate | null {
  return figureForYear(estimates, Number(report.asOf.slice(0, 4)));
}

function discrepanciesOf(
  report: CoverageReport,
  source: Source,
  workforce: WorkforceEstimate | null,
  rate: number | null,
  previous: CoverageReport | undefined,
): Discrepancy[] {
  const found: Discrepancy[] = [];
  if (report.claimedRate !== null && rate !== null && !rateAgrees(report.claimedRate, rate)) {
    found.push(
      Object.assign(new Discrepancy(), {
        field: "rate",
        claimed: report.claimedRate,
        computed: rate,
        source,
        note: `The source states ${formatPercent(report.claimedRate)}; its figures give ${formatPersons(report.activeParticipants!)} / ${formatPersons(workforce!.persons)} = ${formatPercent(rate)}.`,
      }),
    );
  }
  if (report.claimedGap !== null && report.claimedGapTarget !== null && workforce) {
    const computed = coverageGap(report.activeParticipants!, report.claimedGapTarget, workforce.persons);
    if (!countAgrees(report.claimedGap, computed)) {
      const fromPrevious =
        previous?.activeParticipants != null
          ? ` From the previous report (${previous.asOf}: ${formatPersons(previous.activeParticipants)} active) it would be ${formatPersons(coverageGap(previous.activeParticipants, report.claimedGapTarget, workforce.persons))}.`
          : "";
      found.push(
        Object.assign(new Discrepancy(), {
          field: "gap",
          claimed: report.claimedGap,
          computed,
          source,
          note:
            `The source claims ${formatPersons(report.claimedGap)} more participants were needed to reach ${formatPercent(report.claimedGapTarget)}` +
            `${report.claimedGapYear ? ` in ${report.claimedGapYear}` : ""}; from its own figures (${formatPersons(report.activeParticipants!)} active at ${report.asOf} of a workforce of ${formatPersons(workforce.persons)}) ` +
            `the gap is ceil(${report.claimedGapTarget} x ${formatPersons(workforce.persons)}) - ${formatPersons(report.activeParticipants!)} = ${formatPersons(computed)}.${fromPrevious}`,
        }),
      );
    }
  }
  return found;
}

/** Coverage of one regency at `asOf`, or null when it has no report with a total at or before that date. */
export async function coverageOf(context: RequestContext, regency: Regency, asOf: IsoDate): Promise<Coverage | null> {
  const { current, previous } = await context.loader(latestReports).load(dated(regency.code, asOf));
  if (!current.length) return null;
  const sourceIds = [...new Set([...current, ...previous].map((r) => r.sourceId))];
  const loadedSources = await context.loader(sourceById).loadMany(sourceIds);
  const sources = new Map<string, Source>();
  for (const source of loadedSources) if (source && !(source instanceof Error)) sources.set(source.id, source);

  const [report, ...alternatives] = rankReports(current, sources);
  const [previousReport] = rankReports(previous, sources);
  const active = report.activeParticipants!;
  const year = Number(report.asOf.slice(0, 4));
  const notes: string[] = [];

  const workforce = workforceFor(report, regency.workforceEstimates ?? []);
  if (!workforce) notes.push(`No workforce estimate for ${regency.code}: rate, gap and status cannot be computed.`);
  else if (workforce.year !== year) {
    notes.push(`No workforce estimate for ${year}; the ${workforce.year} estimate is used as the denominator.`);
  }
  const rate = workforce ? coverageRate(active, workforce.persons) : null;
  report.rate = rate;

  const target = targetForYear(primaryTargets(regency.coverageTargets ?? []), year);
  if (!target) notes.push(`No coverage target for ${year} or later: gap and status cannot be computed.`);
  else if (target.year !== year) notes.push(`No target for ${year}; the ${target.year} target the region is working toward is used.`);

  const gap = workforce && target ? coverageGap(active, target.rate, workforce.persons) : null;
  const requiredPace = gap !== null && target ? requiredMonthlyPace(gap, report.asOf, target.year) : null;
  const observedPace =
    previousReport?.activeParticipants != null
      ? observedMonthlyPace({ asOf: previousReport.asOf, active: previousReport.activeParticipants }, { asOf: report.asOf, active })
      : null;
  if (gap !== null && gap > 0 && observedPace === null) notes.push("No earlier report with a total: the pace, and so the status, is unknown.");
  const status = gap !== null && requiredPace !== null ? coverageStatus(gap, requiredPace, observedPace) : null;

  const reportSource = sources.get(report.sourceId)!;
  const figureSources = [reportSource, workforce?.source, target?.source].filter((s): s is Source => Boolean(s));
  const parts = await context.loader(partsByReport).load(report.id);

  return Object.assign(new Coverage(), {
    regency: regencyStub(regency.code),
    asOf: report.asOf,
    activeParticipants: active,
    activeParticipantsStatus: report.status,
    workforce: workforce?.persons ?? null,
    workforceYear: workforce?.year ?? null,
    rate,
    target: target?.rate ?? null,
    targetYear: target?.year ?? null,
    targetScheme: target?.scheme ?? null,
    gap,
    requiredMonthlyPace: requiredPace,
    observedMonthlyPace: observedPace,
    status: status as CoverageStatus | null,
    segments: toSegments(parts, active),
    sources: [...new Map(figureSources.map((s) => [s.id, s])).values()],
    discrepancies: discrepanciesOf(report, reportSource, workforce, rate, previousReport),
    report,
    alternatives,
    notes,
  });
}

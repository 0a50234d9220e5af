import { FigureStatus, type IsoDate, type RequestContext, type Source, sourceById } from "@cakupan/kit";
import {
  CATEGORIES,
  CoverageMeasure,
  type CoverageReport,
  type CoverageReportPart,
} from "./coverage-report.entity";
import {
  countAgrees,
  coverageGap,
  coverageRate,
  coverageStatus,
  figureForYear,
  nearestKnownTarget,
  observedMonthlyPace,
  rateAgrees,
  requiredMonthlyPace,
  targetForYear,
  targetYearEnded,
  wholeMonthsBetween,
} from "./coverage.indicator";
import { Coverage, CoverageStatus, Discrepancy, SegmentCount } from "./coverage.type";
import { dated, latestReports } from "./loaders";
import { type CoverageTarget, type Regency, regencyStub, type WorkforceEstimate } from "../regency.entity";

import { ruleValue } from "../rules";

const formatPersons = (n: number) => n.toLocaleString("en");
const formatPercent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

/**
 * Several sources may report the same regency and date. The one used: REPORTED before ESTIMATE (a stated
 * figure over a rounded one), then the most recently published source (a later publication corrects an
 * earlier one), then the most recently recorded. The others are shown as alternatives.
 */
export function rankReports(reports: CoverageReport[], sources: Map<string, Source>): CoverageReport[] {
  const published = (r: CoverageReport) => {
    const source = sources.get(r.sourceId);
    return source?.publishedOn ?? source?.reportedOn ?? "";
  };
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
      inferred: part.inferred,
      inference: part.inference,
      reportId: part.reportId,
    }),
  );
}

/** The targets of the scheme coverage is measured against (a rule: see `rules`), or all when none is of it. */
export function primaryTargets(targets: CoverageTarget[]): CoverageTarget[] {
  const scheme = ruleValue("COVERAGE_TARGET_SCHEME");
  const primary = targets.filter((t) => t.scheme === scheme);
  return primary.length ? primary : targets;
}

/** The default age past which a report is stale, in whole months. */
export const DEFAULT_MAX_AGE_MONTHS = 12;

const MEASURE_WORDS: Record<CoverageMeasure, string> = {
  [CoverageMeasure.ACTIVE]: "active participants",
  [CoverageMeasure.REGISTERED]: "registered workers",
};
const printed = (report: CoverageReport) =>
  `${MEASURE_WORDS[report.measure]}${report.measureAsPrinted ? ` ('${report.measureAsPrinted}')` : ""}`;

/** The workforce that gives a report its rate: the report year's estimate, else the nearest year's. */
export function workforceFor(
  report: CoverageReport,
  estimates: WorkforceEstimate[],
): WorkforceEstimate | null {
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
export async function coverageOf(
  context: RequestContext,
  regency: Regency,
  asOf: IsoDate,
  maxAgeMonths = DEFAULT_MAX_AGE_MONTHS,
): Promise<Coverage | null> {
  const { current, previous } = await context.loader(latestReports).load(dated(regency.code, asOf));
  if (!current.length) return null;
  const sourceIds = [...new Set([...current, ...previous].map((r) => r.sourceId))];
  const loadedSources = await context.loader(sourceById).loadMany(sourceIds);
  const sources = new Map<string, Source>();
  for (const source of loadedSources)
    if (source && !(source instanceof Error)) sources.set(source.id, source);

  const [report, ...alternatives] = rankReports(current, sources);
  const [previousReport] = rankReports(previous, sources);
  const active = report.activeParticipants!;
  const reportYear = Number(report.asOf.slice(0, 4));
  const questionYear = Number(asOf.slice(0, 4));
  const ageMonths = wholeMonthsBetween(report.asOf, asOf);
  const stale = ageMonths > maxAgeMonths;
  const notes: string[] = [];
  if (stale) {
    notes.push(
      `The report of ${report.asOf} is ${ageMonths} months old at ${asOf}, older than maxAgeMonths (${maxAgeMonths}): ` +
        "its figures are shown as reported then, but no status is given.",
    );
  }
  if (report.measure !== CoverageMeasure.ACTIVE) {
    notes.push(
      `The figure counts ${printed(report)}, as the source prints it, not active participants; ` +
        "the rate and gap use it as the source does.",
    );
  }

  const workforce = workforceFor(report, regency.workforceEstimates ?? []);
  if (!workforce)
    notes.push(`No workforce estimate for ${regency.code}: rate, gap and status cannot be computed.`);
  else if (workforce.year !== reportYear) {
    notes.push(
      `No workforce estimate for ${reportYear}; the ${workforce.year} estimate is used as the denominator.`,
    );
  }
  const rate = workforce ? coverageRate(active, workforce.persons) : null;
  report.rate = rate;

  const targets = primaryTargets(regency.coverageTargets ?? []);
  const target = targetForYear(targets, questionYear);
  if (!target) {
    const known = nearestKnownTarget(targets, questionYear);
    notes.push(
      `No coverage target for ${questionYear}, the question date's year: target, gap and status are null.` +
        (known
          ? ` The ${known.year < questionYear ? "last" : "next"} known target is ${formatPercent(known.rate)} for ${known.year} (${known.scheme}).`
          : " No target is known for any year."),
    );
  }

  const yearEnded = target ? targetYearEnded(asOf, target.year) : false;
  const gap = workforce && target ? coverageGap(active, target.rate, workforce.persons) : null;
  const requiredPace =
    gap !== null && target && !yearEnded ? requiredMonthlyPace(gap, asOf, target.year) : null;
  const observedPace =
    previousReport?.activeParticipants != null
      ? observedMonthlyPace(
          { asOf: previousReport.asOf, active: previousReport.activeParticipants },
          { asOf: report.asOf, active },
        )
      : null;
  if (observedPace !== null && previousReport.measure !== report.measure) {
    const sameSource = previousReport.sourceId === report.sourceId;
    notes.push(
      `The pace compares ${formatPersons(previousReport.activeParticipants!)} ${printed(previousReport)} at ${previousReport.asOf} ` +
        `with ${formatPersons(active)} ${printed(report)} at ${report.asOf}: ` +
        (sameSource
          ? "two measures, compared as the source itself compares them."
          : "two measures from two sources; read the pace, and the status, as indicative."),
    );
  }
  if (!stale && gap !== null && gap > 0 && !yearEnded && observedPace === null) {
    notes.push("No earlier report with a total: the pace, and so the status, is unknown.");
  }
  if (yearEnded && gap !== null && gap > 0 && !stale) {
    notes.push(
      `The ${target!.year} target year is over: the last report (${report.asOf}) still leaves ${formatPersons(gap)} to reach ` +
        `${formatPercent(target!.rate)}, so it is MISSED unless a later report shows otherwise.`,
    );
  }
  const status = stale || gap === null ? null : coverageStatus(gap, requiredPace, observedPace, yearEnded);
  if (report.inferred && report.inference) notes.push(`Inferred: ${report.inference}`);

  const reportSource = sources.get(report.sourceId)!;
  const figureSources = [reportSource, workforce?.source, target?.source].filter((s): s is Source =>
    Boolean(s),
  );

  return Object.assign(new Coverage(), {
    regency: regencyStub(regency.code),
    asOf: report.asOf,
    questionDate: asOf,
    ageMonths,
    maxAgeMonths,
    stale,
    activeParticipants: active,
    activeParticipantsStatus: report.status,
    measure: report.measure,
    measureAsPrinted: report.measureAsPrinted,
    inferred: report.inferred,
    inference: report.inference,
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
    figureSources: [...new Map(figureSources.map((s) => [s.id, s])).values()],
    reportSource,
    workforceSourceId: workforce?.source?.id ?? null,
    targetSourceId: target?.source?.id ?? null,
    discrepancies: discrepanciesOf(report, reportSource, workforce, rate, previousReport),
    report,
    alternatives,
    notes,
  });
}

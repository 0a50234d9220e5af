import { FigureStatus, type IsoDate, type RequestContext, type Source, sourceById } from "@cakupan/kit";
import { CoverageMeasure, type CoverageReport } from "./coverage-report.entity";
import { DEFAULT_MAX_AGE_MONTHS, primaryTargets, rankReports } from "./coverage";
import { coverageRate, figureForYear, personsForTarget, targetForYear } from "./coverage.indicator";
import { dated, reportHistory } from "./loaders";
import {
  calendarMonthsBetween,
  firstMonthReaching,
  overallMonthlyPace,
  periodMonthlyPaces,
  projectAt,
  yearEnd,
} from "./planning.arithmetic";
import { CoverageProjection, ProjectionMethod, ProvinceCoverageProjection } from "./planning.type";
import { type Regency, regencyStub } from "../regency.entity";

const persons = (n: number) => Math.round(n).toLocaleString("en");
const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;
const pace = (n: number) => n.toLocaleString("en", { maximumFractionDigits: 2 });
const MEASURE_WORDS: Record<CoverageMeasure, string> = {
  [CoverageMeasure.ACTIVE]: "active",
  [CoverageMeasure.REGISTERED]: "registered",
};

/** Every report with a total at or before `until`, one per date (the one coverage would use), oldest first. */
export async function reportsWithTotals(
  context: RequestContext,
  regencyCode: string,
  until: IsoDate,
): Promise<CoverageReport[]> {
  const all = await context.loader(reportHistory).load(dated(regencyCode, null, until));
  const withTotals = all.filter((r) => r.activeParticipants !== null);
  const loaded = await context.loader(sourceById).loadMany([...new Set(withTotals.map((r) => r.sourceId))]);
  const sources = new Map<string, Source>();
  for (const source of loaded) if (source && !(source instanceof Error)) sources.set(source.id, source);
  const byDate = new Map<IsoDate, CoverageReport[]>();
  for (const report of withTotals) byDate.set(report.asOf, [...(byDate.get(report.asOf) ?? []), report]);
  return [...byDate.keys()].sort().map((date) => rankReports(byDate.get(date)!, sources)[0]);
}

export interface ComparableSeries {
  reports: CoverageReport[];
  mixesMeasures: boolean;
  includesEstimates: boolean;
  notes: string[];
}

/**
 * The reports a pace may be measured over, walking back from the last: a report older than a report stays
 * fresh (maxAgeMonths before the last) is left out; one of another measure is kept only when the last
 * report's own source prints it (the comparison the source makes), and then said; estimates are kept and said.
 */
export function comparableSeries(reports: CoverageReport[], maxAgeMonths: number): ComparableSeries {
  const notes: string[] = [];
  if (!reports.length) return { reports: [], mixesMeasures: false, includesEstimates: false, notes };
  const last = reports[reports.length - 1];
  const kept = [last];
  for (const report of [...reports].reverse().slice(1)) {
    const age = calendarMonthsBetween(report.asOf, last.asOf);
    if (age > maxAgeMonths) {
      notes.push(
        `Left out: the report of ${report.asOf} (${persons(report.activeParticipants!)}) is ${Math.floor(age)} months older than the last, ` +
          `more than a report stays fresh (${maxAgeMonths} months).`,
      );
      continue;
    }
    if (report.measure !== last.measure && report.sourceId !== last.sourceId) {
      notes.push(
        `Left out: the report of ${report.asOf} counts ${MEASURE_WORDS[report.measure]} participants, the last one ` +
          `${MEASURE_WORDS[last.measure]}, and they come from different sources: not comparable.`,
      );
      continue;
    }
    kept.unshift(report);
  }
  const mixesMeasures = new Set(kept.map((r) => r.measure)).size > 1;
  if (mixesMeasures) {
    notes.push(
      `The pace compares reports of different measures (${kept.map((r) => `${r.asOf} ${MEASURE_WORDS[r.measure]}${r.measureAsPrinted ? ` '${r.measureAsPrinted}'` : ""}`).join(", ")}), ` +
        "as their source itself compares them: read the projection as indicative.",
    );
  }
  const estimates = kept.filter((r) => r.status === FigureStatus.ESTIMATE);
  if (estimates.length) {
    notes.push(
      `Estimates (rounded figures) are among the reports used: ${estimates.map((r) => r.asOf).join(", ")}.`,
    );
  }
  for (const report of kept.filter((r) => r.inferred)) {
    notes.push(
      `The report of ${report.asOf} has derived values: ${report.inference ?? "see its inference"}.`,
    );
  }
  return { reports: kept, mixesMeasures, includesEstimates: estimates.length > 0, notes };
}

/** Where a regency's coverage is heading by the end of `year` at the pace its comparable reports show. */
export async function projectionOf(
  context: RequestContext,
  regency: Regency,
  year: number,
  asOf: IsoDate | null = null,
  maxAgeMonths = DEFAULT_MAX_AGE_MONTHS,
): Promise<CoverageProjection> {
  const end = yearEnd(year);
  const until = asOf && asOf < end ? asOf : end;
  const series = comparableSeries(await reportsWithTotals(context, regency.code, until), maxAgeMonths);
  const notes = [...series.notes];
  if (until !== end) notes.push(`Only reports at or before ${until} (asOf) are used.`);
  const points = series.reports.map((r) => ({ asOf: r.asOf, persons: r.activeParticipants! }));
  const last = points[points.length - 1];
  const workforce = figureForYear(regency.workforceEstimates ?? [], year);
  if (!workforce) notes.push(`No workforce estimate for ${regency.code}: no rate can be projected.`);
  else if (workforce.year !== year)
    notes.push(`No workforce estimate for ${year}; the ${workforce.year} estimate is used.`);
  const target = targetForYear(primaryTargets(regency.coverageTargets ?? []), year);
  const targetPersons = target && workforce ? personsForTarget(target.rate, workforce.persons) : null;

  const centralPace = overallMonthlyPace(points);
  const paces = periodMonthlyPaces(points);
  const method =
    centralPace === null
      ? ProjectionMethod.NONE
      : points.length >= 3
        ? ProjectionMethod.RANGE_FROM_PACES
        : ProjectionMethod.STRAIGHT_LINE;
  const monthsAhead = last ? calendarMonthsBetween(last.asOf, end) : null;
  const stale = monthsAhead !== null && monthsAhead > maxAgeMonths;
  if (stale) {
    notes.push(
      `The last report (${last.asOf}) is ${Math.floor(monthsAhead!)} months before the end of ${year}, more than a report stays ` +
        `fresh (${maxAgeMonths} months): the projection reaches far beyond what was observed.`,
    );
  }
  const project = (p: number | null) => (p === null || !last ? null : Math.round(projectAt(last, p, end)));
  const low = method === ProjectionMethod.RANGE_FROM_PACES ? Math.min(...paces) : null;
  const high = method === ProjectionMethod.RANGE_FROM_PACES ? Math.max(...paces) : null;
  const projected = project(centralPace);
  const rateOf = (n: number | null) => (n !== null && workforce ? coverageRate(n, workforce.persons) : null);

  let methodDescription: string;
  if (method === ProjectionMethod.NONE) {
    methodDescription = points.length
      ? `Only one comparable report (${last.asOf}: ${persons(last.persons)}) in or before ${year}: a pace needs two, so there is no projection.`
      : `No report with a total in or before ${year}: no projection.`;
  } else {
    const first = points[0];
    const months = calendarMonthsBetween(first.asOf, last.asOf);
    methodDescription =
      (method === ProjectionMethod.STRAIGHT_LINE
        ? "A straight line through two comparable reports (only two: no range). "
        : `The pace from the first to the last of ${points.length} comparable reports, with a range from the slowest ` +
          `(${pace(low!)}) and fastest (${pace(high!)}) pace between consecutive reports. `) +
      `Pace: (${persons(last.persons)} - ${persons(first.persons)}) / ${pace(months)} months (${first.asOf} to ${last.asOf}) = ` +
      `${pace(centralPace!)} persons a month, assumed to hold until 31 December ${year}: ${persons(last.persons)} + ` +
      `${pace(centralPace!)} x ${pace(monthsAhead!)} months = ${pace(projectAt(last, centralPace!, end))}, ` +
      `rounded to ${persons(projected!)}` +
      (workforce
        ? `, ${percent(projected! / workforce.persons)} of a workforce of ${persons(workforce.persons)}.`
        : ".") +
      " Months are calendar months; a month's figure is dated its last day.";
  }

  let targetReachedMonth: string | null = null;
  let targetReachedNote: string;
  if (!target) targetReachedNote = `No target in force in ${year}: no month to reach.`;
  else if (targetPersons === null)
    targetReachedNote = "No workforce estimate: the target's persons are unknown.";
  else if (centralPace === null || !last)
    targetReachedNote = `No projection: whether ${percent(target.rate)} is reached in ${year} is unknown.`;
  else {
    targetReachedMonth = firstMonthReaching(last.asOf, year, targetPersons, (monthEnd) =>
      projectAt(last, centralPace, monthEnd),
    );
    targetReachedNote = targetReachedMonth
      ? `${percent(target.rate)} (${persons(targetPersons)} persons) is reached in ${targetReachedMonth} at the observed pace.`
      : `${percent(target.rate)} (${persons(targetPersons)} persons) is not reached within ${year} at the observed pace.`;
  }

  return Object.assign(new CoverageProjection(), {
    regency: regencyStub(regency.code),
    year,
    method,
    methodDescription,
    basedOn: series.reports,
    fromAsOf: last?.asOf ?? null,
    monthsAhead,
    monthlyPace: centralPace,
    monthlyPaceLow: low,
    monthlyPaceHigh: high,
    projectedParticipants: projected,
    projectedParticipantsLow: project(low),
    projectedParticipantsHigh: project(high),
    workforce: workforce?.persons ?? null,
    workforceYear: workforce?.year ?? null,
    projectedRate: rateOf(projected),
    projectedRateLow: rateOf(project(low)),
    projectedRateHigh: rateOf(project(high)),
    target: target?.rate ?? null,
    targetPersons,
    targetReachedMonth,
    targetReachedNote,
    measure: series.reports.length ? series.reports[series.reports.length - 1].measure : null,
    mixesMeasures: series.mixesMeasures,
    includesEstimates: series.includesEstimates,
    stale,
    notes,
  });
}

/** A province's projection: the sum of its regencies' projections that exist and are not stale. */
export async function provinceProjection(
  context: RequestContext,
  regencies: Regency[],
  year: number,
): Promise<ProvinceCoverageProjection> {
  const projections = await Promise.all(regencies.map((r) => projectionOf(context, r, year)));
  const counted = projections.filter((p) => p.projectedParticipants !== null && !p.stale);
  const notes = [
    `The sum of the regencies' projections to 31 December ${year}, each made from its own comparable reports; ` +
      "a regency without a projection, or whose projection is stale, is left out and never counted as zero.",
  ];
  for (const p of projections.filter((p) => p.stale && p.projectedParticipants !== null))
    notes.push(`${p.regency.code}: left out, its last report (${p.fromAsOf}) is too old for ${year}.`);
  const without = projections.filter((p) => p.projectedParticipants === null);
  if (without.length)
    notes.push(
      `${without.length} of ${regencies.length} regencies have no projection (fewer than two comparable reports).`,
    );
  const mixed = counted.filter((p) => p.mixesMeasures);
  if (mixed.length)
    notes.push(`Projections that compare measures: ${mixed.map((p) => p.regency.code).join(", ")}.`);
  const rated = counted.filter((p) => p.workforce !== null);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const ratedProjected = sum(rated.map((p) => p.projectedParticipants!));
  const workforce = rated.length ? sum(rated.map((p) => p.workforce!)) : null;
  return Object.assign(new ProvinceCoverageProjection(), {
    year,
    counted,
    leftOut: projections.filter((p) => !counted.includes(p)).map((p) => p.regency),
    projectedParticipants: counted.length ? sum(counted.map((p) => p.projectedParticipants!)) : null,
    workforce,
    projectedRate: workforce ? ratedProjected / workforce : null,
    mixesMeasures: mixed.length > 0,
    notes,
  });
}

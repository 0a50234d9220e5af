import type { IsoDate } from "@cakupan/kit";

/**
 * The coverage indicator, modelled on DHIS2 indicators: rate = numerator / denominator, where the numerator
 * is a stock (active participants at a date) and the denominator the workforce estimate for that year.
 * Pure functions: every number the API computes comes from here.
 */

export interface YearFigure {
  year: number;
}

/** The figure for `year`; else the nearest earlier one; else the nearest later one. Says which it took. */
export function figureForYear<T extends YearFigure>(figures: readonly T[], year: number): T | null {
  const sorted = [...figures].sort((a, b) => a.year - b.year);
  return (
    sorted.find((f) => f.year === year) ??
    [...sorted].reverse().find((f) => f.year < year) ??
    sorted.find((f) => f.year > year) ??
    null
  );
}

/** The target in force in `year`: that year's only. A past target does not apply, nor a later one. */
export function targetForYear<T extends YearFigure>(targets: readonly T[], year: number): T | null {
  return targets.find((t) => t.year === year) ?? null;
}

/** For a year without a target, the one to name instead: the last known before it, else the first after it. */
export function nearestKnownTarget<T extends YearFigure>(targets: readonly T[], year: number): T | null {
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  return [...sorted].reverse().find((t) => t.year < year) ?? sorted.find((t) => t.year > year) ?? null;
}

export function coverageRate(active: number, workforce: number): number | null {
  return workforce > 0 ? active / workforce : null;
}

/** Persons needed for `target` of `workforce`, rounded up: the target is met only by whole persons. */
export function personsForTarget(target: number, workforce: number): number {
  // Targets have four decimals (52.15% = 0.5215); integer arithmetic avoids 0.5215 * n landing a hair above an integer.
  const basisPoints = Math.round(target * 10_000);
  return Math.ceil((basisPoints * workforce) / 10_000 - 1e-9);
}

/** ceil(target x workforce) - active, never below 0. */
export function coverageGap(active: number, target: number, workforce: number): number {
  return Math.max(0, personsForTarget(target, workforce) - active);
}

function yearMonth(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split("-").map(Number);
  return { year, month, day };
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Whole months from `from` to `to` (0 when `to` is earlier): the most n for which `from` plus n months, kept
 * inside its month (31 July + 16 months is 30 November), is not after `to`. So a report of a month's last day
 * ("Juli 2025", stored as 2025-07-31) is a whole month old on the next month's last day.
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = yearMonth(from);
  const b = yearMonth(to);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  const sameDayInTargetMonth = Math.min(a.day, lastDayOfMonth(b.year, b.month));
  return Math.max(0, b.day < sameDayInTargetMonth ? months - 1 : months);
}

/** Whether `targetYear` is over at the end of `asOf`: its last day has been reached. */
export function targetYearEnded(asOf: IsoDate, targetYear: number): boolean {
  return asOf >= `${targetYear}-12-31`;
}

/** Whole months left after the month of `asOf` until the end of `targetYear`; at least 1 (the deadline month itself). */
export function monthsLeft(asOf: IsoDate, targetYear: number): number {
  const { year, month } = yearMonth(asOf);
  return Math.max(1, (targetYear - year) * 12 + (12 - month));
}

/** Persons per month needed to close `gap` by the end of `targetYear`. */
export function requiredMonthlyPace(gap: number, asOf: IsoDate, targetYear: number): number {
  return gap === 0 ? 0 : Math.ceil(gap / monthsLeft(asOf, targetYear));
}

const DAYS_PER_MONTH = 365.2425 / 12;

/** Persons per month gained between two reports (negative when coverage fell). */
export function observedMonthlyPace(
  previous: { asOf: IsoDate; active: number },
  current: { asOf: IsoDate; active: number },
): number | null {
  const days = (Date.parse(current.asOf) - Date.parse(previous.asOf)) / 86_400_000;
  return days > 0 ? (current.active - previous.active) / (days / DAYS_PER_MONTH) : null;
}

export type CoverageStatusValue = "MET" | "ON_TRACK" | "BEHIND" | "MISSED";

/**
 * MET when nothing is missing; MISSED when the target year is over with a gap; ON_TRACK when the pace of the
 * last period, kept up, closes the gap in time; BEHIND otherwise; unknown without a pace.
 */
export function coverageStatus(
  gap: number,
  requiredPace: number | null,
  observedPace: number | null,
  yearEnded = false,
): CoverageStatusValue | null {
  if (gap === 0) return "MET";
  if (yearEnded) return "MISSED";
  if (observedPace === null || requiredPace === null) return null;
  return observedPace >= requiredPace ? "ON_TRACK" : "BEHIND";
}

/**
 * Whether a claimed rate agrees with the computed one. A rate printed as "48,26 persen" has two decimals of
 * a percent, so it agrees when the computed rate rounds to it.
 */
export function rateAgrees(claimed: number, computed: number): boolean {
  return Math.abs(claimed - computed) <= 0.00005 + 1e-12;
}

/** Whether a claimed count ("sekitar 21.311") agrees with the computed one: within 1% or one person. */
export function countAgrees(claimed: number, computed: number): boolean {
  return Math.abs(claimed - computed) <= Math.max(1, 0.01 * Math.abs(computed));
}

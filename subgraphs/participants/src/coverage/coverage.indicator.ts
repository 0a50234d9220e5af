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

/** The target in force at `year`: that year's, else the next one the region is working toward; a past target does not apply. */
export function targetForYear<T extends YearFigure>(targets: readonly T[], year: number): T | null {
  return [...targets].sort((a, b) => a.year - b.year).find((t) => t.year >= year) ?? null;
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
export function observedMonthlyPace(previous: { asOf: IsoDate; active: number }, current: { asOf: IsoDate; active: number }): number | null {
  const days = (Date.parse(current.asOf) - Date.parse(previous.asOf)) / 86_400_000;
  return days > 0 ? (current.active - previous.active) / (days / DAYS_PER_MONTH) : null;
}

export type CoverageStatusValue = "MET" | "ON_TRACK" | "BEHIND";

/** MET when nothing is missing; ON_TRACK when the pace of the last period, kept up, closes the gap in time; BEHIND otherwise. */
export function coverageStatus(gap: number, requiredPace: number, observedPace: number | null): CoverageStatusValue | null {
  if (gap === 0) return "MET";
  if (observedPace === null) return null;
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

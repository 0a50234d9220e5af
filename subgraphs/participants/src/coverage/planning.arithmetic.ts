import type { IsoDate } from "@cakupan/kit";

/**
 * The arithmetic of planning: projections at an observed pace, months a target is reached in, the cost of
 * funding persons. Pure functions over plain numbers and dates, so every figure can be checked by hand.
 */

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function dateParts(date: IsoDate): DateParts {
  const [year, month, day] = date.split("-").map(Number);
  return { year, month, day };
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Months from `from` to `to` on the calendar: whole months between the two months, plus each date's part of
 * its own month. Month-end to month-end is a whole number (31 December 2024 to 31 July 2025 is 7), which is
 * how the sources date monthly figures ("posisi Desember 2024" is stored as its last day).
 */
export function calendarMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return (
    (b.year - a.year) * 12 +
    (b.month - a.month) +
    b.day / daysInMonth(b.year, b.month) -
    a.day / daysInMonth(a.year, a.month)
  );
}

/** The last day of the month `months` calendar months after the month of `date` (0: its own month's end). */
export function monthEndAfter(date: IsoDate, months: number): IsoDate {
  const { year, month } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}-${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

/** "2025-12" of a date. */
export const monthOf = (date: IsoDate) => date.slice(0, 7);

/** The last day of `year`. */
export const yearEnd = (year: number): IsoDate => `${year}-12-31`;

/**
 * Whole months left after the month of `date` to the end of `year` (August to December after July 2025: 5);
 * 0 when `date` is in December of `year` or later.
 */
export function monthsLeftAfter(date: IsoDate, year: number): number {
  const { year: y, month } = dateParts(date);
  return Math.max(0, (year - y) * 12 + (12 - month));
}

export interface CountAt {
  asOf: IsoDate;
  persons: number;
}

/** Persons per month from the first to the last point: a straight line through the two ends. */
export function overallMonthlyPace(points: readonly CountAt[]): number | null {
  if (points.length < 2) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const months = calendarMonthsBetween(first.asOf, last.asOf);
  return months > 0 ? (last.persons - first.persons) / months : null;
}

/** Persons per month between each pair of consecutive points. */
export function periodMonthlyPaces(points: readonly CountAt[]): number[] {
  const paces: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const months = calendarMonthsBetween(points[i - 1].asOf, points[i].asOf);
    if (months > 0) paces.push((points[i].persons - points[i - 1].persons) / months);
  }
  return paces;
}

/** `persons` at `from`, grown at `pace` persons a month until `to`. */
export function projectAt(from: CountAt, pace: number, to: IsoDate): number {
  return from.persons + pace * calendarMonthsBetween(from.asOf, to);
}

/**
 * The first month, from the month of `start` to December of `year`, at whose end `personsAt(monthEnd)` reaches
 * `needed`; null when none does ("not within the year").
 */
export function firstMonthReaching(
  start: IsoDate,
  year: number,
  needed: number,
  personsAt: (monthEnd: IsoDate) => number,
): string | null {
  for (let k = 0; ; k++) {
    const end = monthEndAfter(start, k);
    if (Number(end.slice(0, 4)) > year) return null;
    if (end >= start && personsAt(end) >= needed) return monthOf(end);
  }
}

/** Rupiah a month for `persons` at `contribution` Rupiah each. */
export const monthlyCost = (persons: number, contribution: number) => persons * contribution;

import { describe, expect, it } from "vitest";
import {
  countAgrees,
  coverageGap,
  coverageStatus,
  figureForYear,
  monthsLeft,
  nearestKnownTarget,
  observedMonthlyPace,
  personsForTarget,
  rateAgrees,
  requiredMonthlyPace,
  targetForYear,
  targetYearEnded,
  wholeMonthsBetween,
} from "../../src/coverage/coverage.indicator";

describe("the coverage indicator", () => {
  it("counts persons for a target in whole persons, rounding up", () => {
    expect(personsForTarget(0.5215, 213582)).toBe(111384);
  });

  it("does not round up a product that is whole", () => {
    expect(personsForTarget(0.5, 200)).toBe(100);
    expect(personsForTarget(0.0001, 10000)).toBe(1);
  });

  it("gives the gap as persons still needed, never below zero", () => {
    expect(coverageGap(103079, 0.5215, 213582)).toBe(8305);
    expect(coverageGap(88958, 0.5215, 213582)).toBe(22426);
    expect(coverageGap(200000, 0.5215, 213582)).toBe(0);
  });

  it("counts the whole months left after the report's month until the end of the target year", () => {
    expect(monthsLeft("2025-07-31", 2025)).toBe(5);
    expect(monthsLeft("2024-12-31", 2025)).toBe(12);
    expect(monthsLeft("2025-12-31", 2025)).toBe(1);
  });

  it("spreads the gap over the months left, rounding up", () => {
    expect(requiredMonthlyPace(8305, "2025-07-31", 2025)).toBe(1661);
    expect(requiredMonthlyPace(0, "2025-07-31", 2025)).toBe(0);
  });

  it("measures the pace between two reports per month", () => {
    const pace = observedMonthlyPace(
      { asOf: "2024-12-31", active: 88958 },
      { asOf: "2025-07-31", active: 103079 },
    );
    expect(pace).toBeCloseTo(14121 / (212 / (365.2425 / 12)), 6);
  });

  it("is MET with no gap, ON_TRACK when the pace suffices, BEHIND when not, and unknown without a pace", () => {
    expect(coverageStatus(0, 0, null)).toBe("MET");
    expect(coverageStatus(100, 10, 12)).toBe("ON_TRACK");
    expect(coverageStatus(100, 10, 9)).toBe("BEHIND");
    expect(coverageStatus(100, 10, null)).toBeNull();
  });

  it("takes the year's figure, else the nearest earlier, else the nearest later", () => {
    const figures = [{ year: 2021 }, { year: 2023 }, { year: 2025 }];
    expect(figureForYear(figures, 2023)).toEqual({ year: 2023 });
    expect(figureForYear(figures, 2024)).toEqual({ year: 2023 });
    expect(figureForYear(figures, 2019)).toEqual({ year: 2021 });
    expect(figureForYear([], 2024)).toBeNull();
  });

  it("takes the target of the question date's year only, never a past or a later one", () => {
    const targets = [{ year: 2025 }, { year: 2027 }];
    expect(targetForYear(targets, 2025)).toEqual({ year: 2025 });
    expect(targetForYear(targets, 2024)).toBeNull();
    expect(targetForYear(targets, 2026)).toBeNull();
  });

  it("names, for a year without a target, the last known one, else the next", () => {
    const targets = [{ year: 2025 }, { year: 2027 }];
    expect(nearestKnownTarget(targets, 2026)).toEqual({ year: 2025 });
    expect(nearestKnownTarget(targets, 2030)).toEqual({ year: 2027 });
    expect(nearestKnownTarget(targets, 2024)).toEqual({ year: 2025 });
    expect(nearestKnownTarget([], 2024)).toBeNull();
  });

  it("counts whole months from a report to the question date, a month's last day to the next month's last day being one", () => {
    expect(wholeMonthsBetween("2025-07-31", "2026-11-30")).toBe(16);
    expect(wholeMonthsBetween("2023-10-13", "2025-07-31")).toBe(21);
    expect(wholeMonthsBetween("2025-07-31", "2025-08-30")).toBe(0);
    expect(wholeMonthsBetween("2025-01-30", "2025-02-28")).toBe(1);
    expect(wholeMonthsBetween("2025-07-31", "2025-07-31")).toBe(0);
    expect(wholeMonthsBetween("2025-07-31", "2025-01-31")).toBe(0);
  });

  it("ends a target year on its last day", () => {
    expect(targetYearEnded("2025-12-30", 2025)).toBe(false);
    expect(targetYearEnded("2025-12-31", 2025)).toBe(true);
  });

  it("is MISSED when the target year is over with a gap, MET without one", () => {
    expect(coverageStatus(8305, null, 2000, true)).toBe("MISSED");
    expect(coverageStatus(0, null, 2000, true)).toBe("MET");
  });

  it("accepts a printed rate that the computed one rounds to, and nothing further off", () => {
    expect(rateAgrees(0.4826, 103079 / 213582)).toBe(true);
    expect(rateAgrees(0.4165, 88958 / 213582)).toBe(true);
    expect(rateAgrees(0.4827, 103079 / 213582)).toBe(false);
  });

  it("accepts a claimed count within 1%, and not the article's 21,311 against 8,305", () => {
    expect(countAgrees(8300, 8305)).toBe(true);
    expect(countAgrees(21311, 8305)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import {
  calendarMonthsBetween,
  firstMonthReaching,
  monthEndAfter,
  monthsLeftAfter,
  overallMonthlyPace,
  periodMonthlyPaces,
  projectAt,
} from "../../src/coverage/planning.arithmetic";

describe("the arithmetic of planning", () => {
  it("counts whole calendar months between month-end figures", () => {
    expect(calendarMonthsBetween("2024-12-31", "2025-07-31")).toBe(7);
    expect(calendarMonthsBetween("2025-07-31", "2025-12-31")).toBe(5);
    expect(calendarMonthsBetween("2025-01-31", "2025-02-28")).toBe(1);
  });

  it("counts part-months as fractions of their own month", () => {
    expect(calendarMonthsBetween("2025-07-31", "2025-08-15")).toBeCloseTo(15 / 31, 10);
  });

  it("finds the end of the month n months later", () => {
    expect(monthEndAfter("2025-07-31", 0)).toBe("2025-07-31");
    expect(monthEndAfter("2025-07-31", 7)).toBe("2026-02-28");
  });

  it("counts the whole months left after a month to December", () => {
    expect(monthsLeftAfter("2025-07-31", 2025)).toBe(5);
    expect(monthsLeftAfter("2025-12-31", 2025)).toBe(0);
    expect(monthsLeftAfter("2025-07-31", 2026)).toBe(17);
    expect(monthsLeftAfter("2026-01-31", 2025)).toBe(0);
  });

  it("measures the central pace end to end and the range between consecutive reports", () => {
    const points = [
      { asOf: "2025-01-31", persons: 1000 },
      { asOf: "2025-02-28", persons: 1100 },
      { asOf: "2025-04-30", persons: 1500 },
    ];
    expect(overallMonthlyPace(points)).toBe(500 / 3);
    expect(periodMonthlyPaces(points)).toEqual([100, 200]);
    expect(overallMonthlyPace(points.slice(0, 1))).toBeNull();
  });

  it("projects at a pace to a date", () => {
    expect(projectAt({ asOf: "2025-07-31", persons: 100 }, 10, "2025-12-31")).toBe(150);
  });

  it("finds the first month whose end reaches a count, or none within the year", () => {
    const at = (date: string) => projectAt({ asOf: "2025-07-31", persons: 100 }, 10, date);
    expect(firstMonthReaching("2025-07-31", 2025, 130, at)).toBe("2025-10");
    expect(firstMonthReaching("2025-07-31", 2025, 100, at)).toBe("2025-07");
    expect(firstMonthReaching("2025-07-31", 2025, 151, at)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { type Pending, parameterize } from "../src/functions/batcher";
import LOOKUPS from "../src/operations/lookups.graphql";

const coverage = (code: string, asOf: string | null): Pending => ({
  lookup: LOOKUPS.JskCoverage,
  args: { code, asOf },
  waiters: [],
});
const figures = (code: string): Pending => ({ lookup: LOOKUPS.JskFigures, args: { code }, waiters: [] });

describe("the text of a batch", () => {
  it("is the same for the same formulas over other regions and another date, so the gateway plans it once", () => {
    const july = parameterize([
      coverage("16.06", "2025-07-31"),
      coverage("16.10", "2025-07-31"),
      figures("16.01"),
    ]);
    const december = parameterize([
      figures("11.01"),
      coverage("11.02", "2024-12-31"),
      coverage("11.03", "2024-12-31"),
    ]);
    expect(december.query).toBe(july.query);
    expect(july.variables).not.toEqual(december.variables);
  });

  it("passes every region and date as a typed variable, one per distinct value", () => {
    const { query, variables } = parameterize([
      coverage("16.06", "2025-07-31"),
      coverage("16.10", "2025-07-31"),
    ]);
    expect(query).not.toContain("16.06");
    expect(query).toContain("$v0: ID!");
    expect(query).toContain("$v1: Date");
    expect(Object.values(variables).sort()).toEqual(["16.06", "16.10", "2025-07-31"]);
  });

  it("passes an omitted date as null, so the lookup keeps the shape it is registered with", () => {
    const { query, variables } = parameterize([coverage("16.06", null)]);
    expect(query).toBe(
      `query JskBatch($v0: ID!, $v1: Date) { a0: ${LOOKUPS.JskCoverage.field!.replace("$code", "$v0").replace("$asOf", "$v1")} }`,
    );
    expect(variables).toEqual({ v0: "16.06", v1: null });
  });

  it("orders lookups by shape, whatever order Excel called the cells in", () => {
    const one = parameterize([figures("16.06"), coverage("16.10", "2025-07-31")]);
    const other = parameterize([coverage("16.10", "2025-07-31"), figures("16.06")]);
    expect(one.query).toBe(other.query);
    expect(one.entries.map((entry) => entry.lookup.name)).toEqual(
      other.entries.map((entry) => entry.lookup.name),
    );
  });
});

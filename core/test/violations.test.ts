import { describe, expect, it } from "vitest";
import { invalidInput, violation, Violations } from "../src/errors";

describe("collecting broken rules", () => {
  it("keeps every broken rule in the order found, its own and other checks' alike", () => {
    const violations = new Violations();
    violations.add("asOf", "NOT_IN_FUTURE", "asOf is in the future.");
    violations.push(violation("source", "REQUIRED", "source is required."));
    expect(violations).toHaveLength(2);
    expect(violations.map((v) => `${v.field}:${v.rule}`)).toEqual(["asOf:NOT_IN_FUTURE", "source:REQUIRED"]);
  });

  it("is the list itself: returned, compared and serialised as an array of violations", () => {
    const violations = new Violations();
    violations.add("rank", "POSITIVE", "rank is 1 or more.");
    expect(violations).toEqual([{ field: "rank", rule: "POSITIVE", message: "rank is 1 or more." }]);
    expect(JSON.parse(JSON.stringify(violations))).toEqual([
      { field: "rank", rule: "POSITIVE", message: "rank is 1 or more." },
    ]);
  });

  it("reports them all in one BAD_USER_INPUT error", () => {
    const violations = new Violations();
    violations.add("name", "REQUIRED", "name is empty.");
    violations.add("code", "FORMAT", "code must be capitals.");
    const error = invalidInput("The category", violations);
    expect(error.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "name",
      violations: [...violations],
    });
    expect(error.message).toBe(
      "The category was not stored: name: name is empty. code: code must be capitals.",
    );
  });
});

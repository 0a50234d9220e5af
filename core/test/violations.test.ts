import { describe, expect, it } from "vitest";
import { invalidInput, Violations } from "../src/errors";

describe("collecting broken rules", () => {
  it("keeps every broken rule in the order found, with its own and others' checks", () => {
    const violations = new Violations();
    violations.add("asOf", "NOT_IN_FUTURE", "asOf is in the future.");
    violations.addAll([{ field: "source", rule: "REQUIRED", message: "source is required." }]);
    expect(violations.length).toBe(2);
    expect(violations.list.map((v) => `${v.field}:${v.rule}`)).toEqual(["asOf:NOT_IN_FUTURE", "source:REQUIRED"]);
  });

  it("lets a validator use add on its own, as a plain function", () => {
    const violations = new Violations();
    const { add } = violations;
    add("rank", "POSITIVE", "rank is 1 or more.");
    expect(violations.list).toEqual([{ field: "rank", rule: "POSITIVE", message: "rank is 1 or more." }]);
  });

  it("reports them all in one BAD_USER_INPUT error", () => {
    const violations = new Violations();
    violations.add("name", "REQUIRED", "name is empty.");
    violations.add("code", "FORMAT", "code must be capitals.");
    const error = invalidInput("The category", violations.list);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name", violations: violations.list });
    expect(error.message).toBe("The category was not stored: name: name is empty. code: code must be capitals.");
  });
});

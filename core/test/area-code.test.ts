import { describe, expect, it } from "vitest";
import { assertAreaCode, isAreaCode, provinceCodeOf } from "../src/area-code";

describe("Kemendagri area codes", () => {
  it.each([
    ["province", "16"],
    ["regency", "16.06"],
    ["district", "16.06.01"],
    ["village", "16.06.01.2001"],
  ] as const)("accepts a %s code like %s", (level, code) => {
    expect(isAreaCode(level, code)).toBe(true);
  });

  it("refuses a BPS code, which has no dots", () => {
    expect(isAreaCode("regency", "1606")).toBe(false);
  });

  it("trims blanks around an otherwise good code", () => {
    expect(assertAreaCode("regency", " 16.06 ")).toBe("16.06");
  });

  it("explains a malformed code with the argument's name and an example", () => {
    try {
      assertAreaCode("district", "16.06", "districtCode");
      expect.unreachable();
    } catch (error) {
      const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
      expect(extensions).toEqual({ code: "BAD_USER_INPUT", field: "districtCode" });
      expect(message).toBe(
        '"16.06" is not a district code: `districtCode` takes a Kemendagri district code, province, regency and district digits separated by dots, like "16.06.01".',
      );
    }
  });

  it("finds the province of any code", () => {
    expect(provinceCodeOf("16.06.01.2001")).toBe("16");
  });
});

import { describe, expect, it } from "vitest";
import { maskNik, parseNik } from "../../src/registry/nik";

const TODAY = new Date("2026-11-22T00:00:00Z");
const problemOf = (nik: string) => {
  const result = parseNik(nik, TODAY);
  return "problem" in result ? result.problem.rule : null;
};

describe("NIK validation", () => {
  it("reads a man's NIK: district, birth date and serial", () => {
    expect(parseNik("1606011503850001", TODAY)).toEqual({
      nik: {
        nik: "1606011503850001",
        districtCode: "16.06.01",
        regencyCode: "16.06",
        birthDate: "1985-03-15",
        sex: "MALE",
        serial: "0001",
      },
    });
  });

  it("reads a woman's NIK, whose day has 40 added", () => {
    expect(parseNik("1606015503850002", TODAY)).toMatchObject({
      nik: { birthDate: "1985-03-15", sex: "FEMALE" },
    });
  });

  it("puts a two-digit year in this century unless that is in the future", () => {
    expect(parseNik("1606010101050003", TODAY)).toMatchObject({ nik: { birthDate: "2005-01-01" } });
    expect(parseNik("1606010101700003", TODAY)).toMatchObject({ nik: { birthDate: "1970-01-01" } });
  });

  it("ignores spaces, dots and dashes typed into it", () => {
    expect(parseNik("1606 0115 0385 0001", TODAY)).toMatchObject({ nik: { nik: "1606011503850001" } });
  });

  it.each([
    ["160601150385001", "LENGTH"],
    ["16060115038500011", "LENGTH"],
    ["16060115038500O1", "DIGITS"],
    ["1606013102850001", "BIRTH_DATE"],
    ["1606017102850001", "BIRTH_DATE"],
    ["1606011513850001", "BIRTH_DATE"],
    ["9999011503850001", "AREA"],
    ["1606991503850001", "AREA"],
    ["1606011503850000", "SERIAL"],
  ])("refuses %s (%s)", (nik, rule) => {
    expect(problemOf(nik)).toBe(rule);
  });

  it("refuses a birth date in the future", () => {
    expect(problemOf("1606010112260001")).toBe("BIRTH_DATE");
  });

  it("masks the personal digits, keeping the issuing district and the last two", () => {
    expect(maskNik("1606011503850001")).toBe("160601********01");
  });
});

import { knownDistrictCodes } from "@cakupan/kit";

/**
 * The Nomor Induk Kependudukan: 16 digits, PPRRSS DDMMYY NNNN — the district where it was issued
 * (province, regency, district), the birth date with 40 added to the day for women, and a serial from 0001.
 */
export type Sex = "MALE" | "FEMALE";

export interface ParsedNik {
  nik: string;
  districtCode: string;
  regencyCode: string;
  birthDate: string;
  sex: Sex;
  serial: string;
}

export interface NikProblem {
  rule: "LENGTH" | "DIGITS" | "AREA" | "BIRTH_DATE" | "SERIAL";
  message: string;
}

/** A NIK's structure, or what is wrong with it. `today` bounds the century of two-digit years. */
export function parseNik(raw: string, today = new Date()): { nik: ParsedNik } | { problem: NikProblem } {
  const nik = raw.replace(/[\s.-]/g, "");
  if (!/^\d+$/.test(nik))
    return { problem: { rule: "DIGITS", message: `NIK "${raw}" has characters other than digits.` } };
  if (nik.length !== 16)
    return { problem: { rule: "LENGTH", message: `NIK has ${nik.length} digits; a NIK has 16.` } };
  const districtCode = `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
  if (!knownDistrictCodes().has(districtCode)) {
    return {
      problem: {
        rule: "AREA",
        message: `NIK digits 1-6 (${nik.slice(0, 6)}) name no known district (${districtCode}).`,
      },
    };
  }
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: Sex = day > 40 ? "FEMALE" : "MALE";
  if (day > 40) day -= 40;
  const currentYear = today.getUTCFullYear();
  const year = 2000 + yy > currentYear ? 1900 + yy : 2000 + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return {
      problem: {
        rule: "BIRTH_DATE",
        message: `NIK digits 7-12 (${nik.slice(6, 12)}) are not a birth date (DDMMYY, day + 40 for women).`,
      },
    };
  }
  if (date.getTime() > today.getTime()) {
    return {
      problem: {
        rule: "BIRTH_DATE",
        message: `NIK digits 7-12 give a birth date in the future (${date.toISOString().slice(0, 10)}).`,
      },
    };
  }
  const serial = nik.slice(12);
  if (serial === "0000")
    return {
      problem: {
        rule: "SERIAL",
        message: "NIK digits 13-16 are a serial that starts at 0001; 0000 is not one.",
      },
    };
  return {
    nik: {
      nik,
      districtCode,
      regencyCode: districtCode.slice(0, 5),
      birthDate: date.toISOString().slice(0, 10),
      sex,
      serial,
    },
  };
}

/** What everyone but the regency's operators sees: the issuing district and the last two digits. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 6)}${"*".repeat(8)}${nik.slice(14)}`;
}

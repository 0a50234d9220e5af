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
  // Almost every NIK is its 16 digits already: the separators are looked for only in the others.
  const plain = isSixteenDigits(raw);
  const nik = plain ? raw : raw.replace(/[\s.-]/g, "");
  if (!plain && !/^\d+$/.test(nik))
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
  const birthDate = isoDate(year, month, day);
  if (birthDate === null) {
    return {
      problem: {
        rule: "BIRTH_DATE",
        message: `NIK digits 7-12 (${nik.slice(6, 12)}) are not a birth date (DDMMYY, day + 40 for women).`,
      },
    };
  }
  if (Date.UTC(year, month - 1, day) > today.getTime()) {
    return {
      problem: {
        rule: "BIRTH_DATE",
        message: `NIK digits 7-12 give a birth date in the future (${birthDate}).`,
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
      birthDate,
      sex,
      serial,
    },
  };
}

function isSixteenDigits(text: string): boolean {
  if (text.length !== 16) return false;
  for (let i = 0; i < 16; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * A calendar date of year 1000-9999 as YYYY-MM-DD; null when the month or day does not exist. Checked by
 * arithmetic, not a Date and its ISO string: an import checks two or three dates a row.
 */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day > days ? null : `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** What everyone but the regency's operators sees: the issuing district and the last two digits. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 6)}${"*".repeat(8)}${nik.slice(14)}`;
}

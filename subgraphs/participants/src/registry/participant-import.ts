import {
  areaMasterRegions,
  BreakdownDimension,
  categoryFromText,
  categoryWords,
  EARLIEST_DATE,
  isAreaCode,
  knownVillageCodes,
  LATEST_DATE,
  ParticipantCategory,
  TEXT_LIMITS,
  todayInJakarta,
} from "@cakupan/kit";
import { isoDate, type ParsedNik, parseNik, type Sex } from "./nik";
import { checkInChunks, type CsvSource, headerColumns } from "./participant-csv";
import { ParticipantStatus, Program } from "./participant.entity";
import { ruleInteger } from "../rules";

/**
 * The lists labour offices keep, as CSV. Headers may be Indonesian or English (case, spaces and dashes do
 * not matter); the first row is the header. Required: nik, nama, kode_desa, pekerjaan, program, sumber_dana,
 * iuran, tanggal_daftar. Optional: jenis_kelamin and tanggal_lahir (checked against the NIK), segmen
 * (default BPU), status (default aktif), kabupaten_kota (the worker's regency, in any form the one region
 * resolver reads: "16.06", "1606", "Kabupaten Musi Banyuasin"; it must be the enrolling regency).
 */
export const IMPORT_COLUMNS = {
  nik: ["nik", "no_nik", "nomor_nik"],
  fullName: ["nama", "nama_lengkap", "name", "full_name"],
  villageCode: ["kode_desa", "kode_kelurahan", "village_code", "village"],
  occupation: ["pekerjaan", "occupation"],
  programs: ["program", "programs"],
  funding: ["sumber_dana", "sumber_iuran", "funding"],
  monthlyContribution: ["iuran", "iuran_bulanan", "monthly_contribution", "contribution"],
  enrolledOn: ["tanggal_daftar", "tgl_daftar", "enrolled_on", "enrolment_date"],
  sex: ["jenis_kelamin", "jk", "sex"],
  birthDate: ["tanggal_lahir", "tgl_lahir", "birth_date"],
  segment: ["segmen", "segment"],
  status: ["status"],
  regency: ["kabupaten_kota", "kab_kota", "kabupaten", "kota", "regency", "region", "wilayah"],
} as const;
type Column = keyof typeof IMPORT_COLUMNS;
const REQUIRED: Column[] = [
  "nik",
  "fullName",
  "villageCode",
  "occupation",
  "programs",
  "funding",
  "monthlyContribution",
  "enrolledOn",
];

/** The minimum monthly contribution of a non-wage worker for JKK and JKM, in Rupiah: a rule (see rules.ts). */
export const minimumBpuContribution = (): number => ruleInteger("MINIMUM_BPU_CONTRIBUTION");

export interface ImportProblem {
  line: number;
  column: string;
  /** Which rule the row breaks (NIK_LENGTH, VILLAGE_UNKNOWN, ...): problems are counted by it. */
  rule: string;
  message: string;
}

/** How many problems a report lists; the rest are counted by rule. */
export const MAX_LISTED_PROBLEMS = 1000;

/** Problems of a file: the first MAX_LISTED_PROBLEMS in full, every one counted by its rule. */
export class ProblemList {
  readonly listed: ImportProblem[] = [];
  readonly byRule = new Map<string, number>();
  count = 0;

  add(problem: ImportProblem): void {
    this.count += 1;
    this.byRule.set(problem.rule, (this.byRule.get(problem.rule) ?? 0) + 1);
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  /** Counts by rule, the most frequent first. */
  counts(): { rule: string; count: number }[] {
    return [...this.byRule]
      .map(([rule, count]) => ({ rule, count }))
      .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  }
}

export interface ImportRow {
  line: number;
  nik: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  villageCode: string;
  districtCode: string;
  occupation: string;
  segment: ParticipantCategory;
  programs: Program[];
  funding: ParticipantCategory;
  monthlyContribution: number;
  enrolledOn: string;
  status: ParticipantStatus;
}

const STATUSES: Record<string, ParticipantStatus> = {
  AKTIF: ParticipantStatus.ACTIVE,
  ACTIVE: ParticipantStatus.ACTIVE,
  NONAKTIF: ParticipantStatus.NON_ACTIVE,
  "NON AKTIF": ParticipantStatus.NON_ACTIVE,
  "TIDAK AKTIF": ParticipantStatus.NON_ACTIVE,
  NON_ACTIVE: ParticipantStatus.NON_ACTIVE,
  "NON-ACTIVE": ParticipantStatus.NON_ACTIVE,
};
const SEXES: Record<string, Sex> = {
  L: "MALE",
  "LAKI-LAKI": "MALE",
  LAKI: "MALE",
  M: "MALE",
  MALE: "MALE",
  P: "FEMALE",
  PEREMPUAN: "FEMALE",
  F: "FEMALE",
  FEMALE: "FEMALE",
};

const upper = (value: string) => value.trim().toUpperCase().replace(/\s+/g, " ");

/** 2025-07-31, 31/07/2025 or 31-07-2025, as ISO; null when it is none of them, or no real date from 1900 to 2099. */
export function parseDate(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const local = iso ? null : /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
  if (!y) return null;
  const result = isoDate(Number(y), Number(m), Number(d));
  return result !== null && result >= EARLIEST_DATE && result <= LATEST_DATE ? result : null;
}

export interface ParsedImport {
  rows: ImportRow[];
  problems: ProblemList;
  warnings: ProblemList;
  /** Data rows in the file (the header not counted). */
  rowCount: number;
}

/** How many distinct texts of one column a file's check remembers the reading of. */
const REMEMBERED_TEXTS = 10_000;

/**
 * `read` of a cell's text, remembered for the texts already read (up to REMEMBERED_TEXTS of them): most
 * columns repeat a few values down a file (sex, status, funding, programs, amounts, villages, dates), and
 * reading each anew was much of checking a row. `read` must depend on the text alone, and answer null, never
 * undefined, for a text it cannot read: one lookup then tells a text read before.
 */
function remembered<T extends NonNullable<unknown> | null>(read: (text: string) => T): (text: string) => T {
  const readings = new Map<string, T>();
  return (text) => {
    let reading = readings.get(text);
    if (reading === undefined) {
      reading = read(text);
      if (readings.size < REMEMBERED_TEXTS) readings.set(text, reading);
    }
    return reading;
  };
}

/** The longest name and occupation kept: a real one is far shorter. */
const MAX_NAME = TEXT_LIMITS.name;
const MAX_OCCUPATION = 100;

/** A file being checked: its good rows in chunks as they are read; its problems and warnings as found so far. */
export interface CheckedImport {
  chunks: AsyncGenerator<ImportRow[]>;
  problems: ProblemList;
  warnings: ProblemList;
  /** Data rows read so far (the header not counted): all of them once `chunks` is done. */
  readonly rowCount: number;
}

/**
 * Every row checked as it is read: the good ones, in chunks (the first of at most `chunkSize.first` rows, so
 * a caller storing them can start soon, the others of `chunkSize.rest`), and every problem with its
 * line, column, rule and reason (the first MAX_LISTED_PROBLEMS listed, all counted). Reads a string or a
 * stream (a file) alike. A problem may come in any chunk, up to the last: a caller storing chunks as they
 * come keeps them uncommitted until the file is read.
 */
export function checkParticipantCsv(
  source: CsvSource,
  regencyCode: string,
  {
    today = todayInJakarta(),
    chunkSize = { first: 10_000, rest: 10_000 },
  }: { today?: string; chunkSize?: { first: number; rest: number } } = {},
): CheckedImport {
  const problems = new ProblemList();
  const warnings = new ProblemList();
  const header = headerColumns(IMPORT_COLUMNS, REQUIRED, problems);
  const { columnOf, indexOf } = header;

  const firstLineOfNik = new Map<string, number>();
  const villages = knownVillageCodes();
  const minimum = minimumBpuContribution();
  // One clock for the file's NIKs, not a Date a row.
  const now = new Date();
  const sexOf = remembered((text) => SEXES[upper(text)] ?? null);
  const dateOf = remembered(parseDate);
  const occupationOf = remembered((text) => text.replace(/\s+/g, " ").toLowerCase());
  /** The village code in dotted form, or null when it names no known village. */
  const villageOf = remembered((text) => {
    const code = /^\d{10}$/.test(text)
      ? `${text.slice(0, 2)}.${text.slice(2, 4)}.${text.slice(4, 6)}.${text.slice(6)}`
      : text;
    return isAreaCode("village", code) && villages.has(code) ? code : null;
  });
  const regionOf = remembered((text) => areaMasterRegions().resolve(text));
  // The list is shared by every row with the same text: nothing changes a row's programs.
  const programsOf = remembered((text) => {
    const programs = [
      ...new Set(
        text
          .toUpperCase()
          .split(/[\s,;/+]+/)
          .filter(Boolean),
      ),
    ];
    return {
      programs,
      unknown: programs.filter((p) => !(p in Program)),
      required: programs.includes("JKK") && programs.includes("JKM"),
    };
  });
  const fundingOf = remembered((text) => categoryFromText(text, BreakdownDimension.FUNDING));
  const segmentOf = remembered((text) => categoryFromText(text, BreakdownDimension.SEGMENT));
  const contributionOf = remembered((text) => {
    const digits = text.replace(/^rp\.?\s*/i, "").replace(/[.,\s]/g, "");
    return /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
  });
  const statusOf = remembered((text) => STATUSES[upper(text)] ?? null);
  const regencyPrefix = `${regencyCode}.`;
  const tally = { rowCount: 0 };
  // The record being checked: value() and problem() are made once, not once a row.
  let line = 0;
  let record: string[] = [];
  let broken = false;
  const value = (column: Column) => {
    const index = indexOf[column];
    return index === undefined ? "" : (record[index] ?? "").trim();
  };
  const problem = (column: Column, rule: string, message: string) => {
    broken = true;
    problems.add({ line, column: columnOf[column] ?? IMPORT_COLUMNS[column][0], rule, message });
  };
  return {
    chunks: chunks(),
    problems,
    warnings,
    get rowCount() {
      return tally.rowCount;
    },
  };

  async function* chunks(): AsyncGenerator<ImportRow[]> {
    yield* checkInChunks(source, header, checkRow, problems, chunkSize, tally);
    if (tally.rowCount === 0 && !header.missing().length && columnOf.nik === undefined && !problems.count) {
      problems.add({
        line: 1,
        column: "",
        rule: "CSV_EMPTY",
        message: "The file is empty: the first line names the columns, each further line is a worker.",
      });
    }
  }

  /** One record's values, checked; the row when it breaks no rule. */
  function checkRow(recordLine: number, values: string[]): ImportRow | null {
    line = recordLine;
    record = values;
    broken = false;

    for (const column of REQUIRED) if (!value(column)) problem(column, "REQUIRED", "is empty.");
    if (broken) return null;

    const nikResult = parseNik(value("nik"), now);
    let nik: ParsedNik | undefined;
    if ("problem" in nikResult) {
      problem("nik", `NIK_${nikResult.problem.rule}`, nikResult.problem.message);
    } else {
      nik = nikResult.nik;
      const earlier = firstLineOfNik.get(nik.nik);
      if (earlier)
        problem("nik", "NIK_TWICE_IN_FILE", `The same NIK is on line ${earlier}: each person once per file.`);
      else firstLineOfNik.set(nik.nik, line);
      if (nik.regencyCode !== regencyCode) {
        warnings.add({
          line,
          column: columnOf.nik!,
          rule: "NIK_ISSUED_ELSEWHERE",
          message: `The NIK was issued in ${nik.districtCode}, outside ${regencyCode}: accepted (people move).`,
        });
      }
      const sex = value("sex");
      const sexRead = sex ? sexOf(sex) : null;
      if (sex && sexRead === null) problem("sex", "SEX", `"${sex}" is not a sex: use L or P.`);
      else if (sex && sexRead !== nik.sex)
        problem(
          "sex",
          "SEX_MISMATCH",
          `"${sex}" does not match the NIK, which encodes ${nik.sex === "FEMALE" ? "P (day + 40)" : "L"}.`,
        );
      const birth = value("birthDate");
      // Most files give the birth date as the NIK does: a date of its own then, not one of a few to remember.
      const birthDate = birth === nik.birthDate ? birth : birth ? parseDate(birth) : null;
      if (birth && birthDate === null)
        problem("birthDate", "BIRTH_DATE", `"${birth}" is not a date: use YYYY-MM-DD or DD/MM/YYYY.`);
      else if (birth && birthDate !== nik.birthDate)
        problem(
          "birthDate",
          "BIRTH_DATE_MISMATCH",
          `${birthDate} does not match the NIK's birth date ${nik.birthDate}.`,
        );
    }

    const fullName = value("fullName").replace(/\s+/g, " ");
    if (fullName.length > MAX_NAME)
      problem(
        "fullName",
        "MAX_LENGTH",
        `The name is ${fullName.length} characters long; at most ${MAX_NAME} are kept.`,
      );
    const occupation = occupationOf(value("occupation"));
    if (occupation.length > MAX_OCCUPATION)
      problem(
        "occupation",
        "MAX_LENGTH",
        `The occupation is ${occupation.length} characters long; at most ${MAX_OCCUPATION} are kept.`,
      );

    const villageCode = villageOf(value("villageCode"));
    if (villageCode === null) {
      problem(
        "villageCode",
        "VILLAGE_UNKNOWN",
        `"${value("villageCode")}" is not a known village code (like 16.06.01.2001).`,
      );
    } else if (!villageCode.startsWith(regencyPrefix)) {
      problem(
        "villageCode",
        "VILLAGE_OUTSIDE_REGENCY",
        `Village ${villageCode} is outside ${regencyCode}: a regency enrols its own residents.`,
      );
    }

    const region = value("regency");
    if (region) {
      const answer = regionOf(region);
      if (answer.status === "ambiguous") problem("regency", "REGION_AMBIGUOUS", answer.message);
      else if (answer.status === "unknown") problem("regency", "REGION_UNKNOWN", answer.message);
      else if (answer.code !== regencyCode)
        problem(
          "regency",
          "REGION_OUTSIDE_REGENCY",
          `"${region}" is ${answer.name} (${answer.code}), not the enrolling regency ${regencyCode}: a regency enrols its own residents.`,
        );
    }

    const { programs, unknown: unknownPrograms, required } = programsOf(value("programs"));
    if (unknownPrograms.length)
      problem(
        "programs",
        "PROGRAM_UNKNOWN",
        `Unknown program(s) ${unknownPrograms.join(", ")}: use JKK, JKM, JHT, JP, JKP.`,
      );
    else if (!required)
      problem(
        "programs",
        "PROGRAM_REQUIRED",
        "JKK and JKM are required of every participant; JHT is optional.",
      );

    const funding = fundingOf(value("funding"));
    if (!funding)
      problem(
        "funding",
        "FUNDING_UNKNOWN",
        `"${value("funding")}" is not a funding source: use ${categoryWords(BreakdownDimension.FUNDING)}.`,
      );

    const segmentText = value("segment");
    const segment = segmentText ? segmentOf(segmentText) : ParticipantCategory.NON_WAGE_EARNER;
    if (!segment)
      problem(
        "segment",
        "SEGMENT_UNKNOWN",
        `"${segmentText}" is not a segment: use ${categoryWords(BreakdownDimension.SEGMENT)}.`,
      );

    const contribution = contributionOf(value("monthlyContribution"));
    if (!Number.isSafeInteger(contribution)) {
      problem(
        "monthlyContribution",
        "CONTRIBUTION_FORMAT",
        `"${value("monthlyContribution")}" is not an amount in whole Rupiah (like 16800 or Rp16.800).`,
      );
    } else if (segment === ParticipantCategory.NON_WAGE_EARNER && contribution < minimum) {
      problem(
        "monthlyContribution",
        "CONTRIBUTION_MINIMUM",
        `Rp${contribution.toLocaleString("id-ID")} is below the minimum of Rp${minimum.toLocaleString("id-ID")} for JKK and JKM ` +
          "(rule MINIMUM_BPU_CONTRIBUTION, see participantRules).",
      );
    }

    const enrolledOn = dateOf(value("enrolledOn"));
    if (!enrolledOn)
      problem(
        "enrolledOn",
        "ENROLMENT_DATE",
        `"${value("enrolledOn")}" is not a date from ${EARLIEST_DATE} on: use YYYY-MM-DD or DD/MM/YYYY.`,
      );
    else if (enrolledOn > today)
      problem("enrolledOn", "ENROLMENT_IN_FUTURE", `${enrolledOn} is in the future (today is ${today}).`);

    const statusText = value("status");
    const status = statusText ? statusOf(statusText) : ParticipantStatus.ACTIVE;
    if (!status)
      problem("status", "STATUS_UNKNOWN", `"${statusText}" is not a status: use aktif or nonaktif.`);

    if (broken) return null;
    return {
      line,
      nik: nik!.nik,
      fullName,
      sex: nik!.sex,
      birthDate: nik!.birthDate,
      villageCode: villageCode!,
      districtCode: villageCode!.slice(0, 8),
      occupation,
      segment: segment!,
      programs: programs as Program[],
      funding: funding!,
      monthlyContribution: contribution,
      enrolledOn: enrolledOn!,
      status: status!,
    };
  }
}

/**
 * Every row checked as it is read (see checkParticipantCsv), the good ones kept whole. Reads a string or a
 * stream (a file) alike.
 */
export async function parseParticipantCsv(
  source: CsvSource,
  regencyCode: string,
  today = todayInJakarta(),
): Promise<ParsedImport> {
  const checked = checkParticipantCsv(source, regencyCode, { today });
  const rows: ImportRow[] = [];
  for await (const chunk of checked.chunks) for (const row of chunk) rows.push(row);
  return { rows, problems: checked.problems, warnings: checked.warnings, rowCount: checked.rowCount };
}

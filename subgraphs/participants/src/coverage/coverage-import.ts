import {
  categoryFromText,
  categoryWords,
  FigureStatus,
  type Identity,
  type ParticipantCategory,
  TEXT_LIMITS,
  todayInJakarta,
} from "@cakupan/kit";
import type { EntityManager } from "typeorm";
import {
  CATEGORIES,
  CoverageMeasure,
  CoverageReport,
  CoverageReportPart,
  DatePrecision,
} from "./coverage-report.entity";
import type { CoverageReportInput } from "./coverage-report.input";
import { storeCoverageReport } from "./coverage-report.resolver";
import { notifyCoverageChanged } from "./coverage.events";
import { lookUpRegency } from "./regency-lookup";
import { checkEveryRow, type CsvSource, headerColumns } from "../registry/participant-csv";
import { parseDate, ProblemList } from "../registry/participant-import";

/**
 * Monthly coverage tables as branch offices send them: one row per regency, date and (optionally) segment,
 * all from one source (the table's). Headers Indonesian or English, any case; the first row is the header.
 */
export const COVERAGE_IMPORT_COLUMNS = {
  regency: ["kode_kabupaten", "kabupaten", "kode_wilayah", "kode", "regency", "regency_code"],
  asOf: ["posisi", "tanggal", "bulan", "as_of", "date", "month"],
  participants: [
    "peserta",
    "jumlah_peserta",
    "peserta_aktif",
    "jumlah",
    "participants",
    "active_participants",
    "persons",
  ],
  segment: ["segmen", "kategori", "segment", "category"],
  measure: ["ukuran", "jenis_angka", "measure"],
  status: ["status", "status_angka", "figure_status"],
  note: ["catatan", "keterangan", "note"],
} as const;
type Column = keyof typeof COVERAGE_IMPORT_COLUMNS;
const REQUIRED: Column[] = ["regency", "asOf", "participants"];

const MEASURES: Record<string, CoverageMeasure> = {
  AKTIF: CoverageMeasure.ACTIVE,
  "PESERTA AKTIF": CoverageMeasure.ACTIVE,
  "TENAGA KERJA AKTIF": CoverageMeasure.ACTIVE,
  ACTIVE: CoverageMeasure.ACTIVE,
  TERDAFTAR: CoverageMeasure.REGISTERED,
  "PEKERJA TERDAFTAR": CoverageMeasure.REGISTERED,
  REGISTERED: CoverageMeasure.REGISTERED,
};
const STATUSES: Record<string, FigureStatus> = {
  DILAPORKAN: FigureStatus.REPORTED,
  REPORTED: FigureStatus.REPORTED,
  PERKIRAAN: FigureStatus.ESTIMATE,
  SEKITAR: FigureStatus.ESTIMATE,
  ESTIMATE: FigureStatus.ESTIMATE,
};

const upper = (value: string) => value.trim().toUpperCase().replace(/\s+/g, " ");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A day (2025-07-31, 31/07/2025) or a month (2025-07, 07/2025: its last day, precision MONTH). */
export function parseReportDate(value: string): { asOf: string; precision: DatePrecision } | null {
  const text = value.trim();
  const isoMonth = /^(\d{4})-(\d{1,2})$/.exec(text);
  const localMonth = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (isoMonth || localMonth) {
    const [year, m] = isoMonth
      ? [Number(isoMonth[1]), Number(isoMonth[2])]
      : [Number(localMonth![2]), Number(localMonth![1])];
    if (m < 1 || m > 12 || year < 1900 || year > 2099) return null;
    const day = `${year}-${String(m).padStart(2, "0")}-${String(lastDay(year, m)).padStart(2, "0")}`;
    return { asOf: day, precision: DatePrecision.MONTH };
  }
  const day = parseDate(text);
  return day ? { asOf: day, precision: DatePrecision.DAY } : null;
}

/** 103079, 103.079 or 103,079 (thousands grouped as Indonesian or English write them); null otherwise. */
export function parsePersons(value: string): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text) || /^\d{1,3}([.,]\d{3})+$/.test(text)) {
    const persons = Number(text.replace(/[.,]/g, ""));
    return persons <= 2_000_000_000 ? persons : null;
  }
  return null;
}

export interface CoverageImportRow {
  line: number;
  regencyCode: string;
  asOf: string;
  precision: DatePrecision;
  persons: number;
  segment: ParticipantCategory | null;
  measure: CoverageMeasure;
  measureAsPrinted: string | null;
  status: FigureStatus;
  note: string | null;
}

/** One report to store: a regency and date, its total row and its segment rows. */
export interface CoverageImportReport {
  lines: number[];
  input: CoverageReportInput;
}

export interface ParsedCoverageImport {
  rowCount: number;
  rows: CoverageImportRow[];
  reports: CoverageImportReport[];
  problems: ProblemList;
}

/** Whether `identity` may write figures of `regencyCode`: operators their own regencies, admins all. */
export function mayWriteRegency(identity: Identity, regencyCode: string): boolean {
  return (
    identity.role === "admin" || (identity.role === "operator" && identity.regencies.includes(regencyCode))
  );
}

/**
 * Every row checked as it is read, then every regency and date checked as a whole (one total row, each
 * segment once, no dimension's parts above the total). Problems carry line, column, rule and reason.
 */
export async function parseCoverageCsv(
  source: CsvSource,
  identity: Identity,
  today = todayInJakarta(),
): Promise<ParsedCoverageImport> {
  const problems = new ProblemList();
  const header = headerColumns(COVERAGE_IMPORT_COLUMNS, REQUIRED, problems);
  const { columnOf, indexOf } = header;

  const checkRow = (line: number, values: string[]): CoverageImportRow | null => {
    let ok = true;
    const problem = (column: Column, rule: string, message: string) => {
      ok = false;
      problems.add({ line, column: columnOf[column] ?? COVERAGE_IMPORT_COLUMNS[column][0], rule, message });
    };
    const value = (column: Column) =>
      indexOf[column] === undefined ? "" : (values[indexOf[column]] ?? "").trim();

    const regency = lookUpRegency(value("regency"));
    if ("rule" in regency) problem("regency", regency.rule, regency.message);
    else if (!mayWriteRegency(identity, regency.code))
      problem(
        "regency",
        "REGENCY_NOT_YOURS",
        `You operate for ${identity.regencies.join(", ") || "no regency"}, not ${regency.code}: ask an operator of ${regency.code} or an admin.`,
      );

    const date = parseReportDate(value("asOf"));
    if (!date)
      problem(
        "asOf",
        "DATE_FORMAT",
        `"${value("asOf")}" is not a date: give a day (2025-07-31, 31/07/2025) or a month (2025-07, 07/2025).`,
      );
    else if (date.asOf > today)
      problem(
        "asOf",
        "NOT_IN_FUTURE",
        `${date.asOf} is in the future (today is ${today}): a report states figures already reached.`,
      );

    const persons = parsePersons(value("participants"));
    if (persons === null)
      problem(
        "participants",
        "PERSONS_NUMBER",
        `"${value("participants")}" is not a number of persons: give a whole number, 0 or more (103079 or 103.079).`,
      );

    let segment: ParticipantCategory | null = null;
    if (value("segment")) {
      segment = categoryFromText(value("segment"));
      if (!segment)
        problem(
          "segment",
          "SEGMENT_UNKNOWN",
          `"${value("segment")}" is no segment, group or funding: use ${categoryWords()}; leave it empty for the total.`,
        );
    }
    let measure = CoverageMeasure.ACTIVE;
    if (value("measure")) {
      const found = MEASURES[upper(value("measure"))];
      if (!found)
        problem(
          "measure",
          "MEASURE_UNKNOWN",
          `"${value("measure")}" is no measure: aktif (active) or terdaftar (registered).`,
        );
      else measure = found;
    }
    let status = FigureStatus.REPORTED;
    if (value("status")) {
      const found = STATUSES[upper(value("status"))];
      if (!found)
        problem(
          "status",
          "STATUS_UNKNOWN",
          `"${value("status")}" is no status: dilaporkan (reported) or perkiraan (estimate).`,
        );
      else status = found;
    }
    const note = value("note") || null;
    if (note && note.length > TEXT_LIMITS.note)
      problem(
        "note",
        "TEXT_TOO_LONG",
        `The note has ${note.length} characters; at most ${TEXT_LIMITS.note}.`,
      );
    if (!ok) return null;
    return {
      line,
      regencyCode: (regency as { code: string }).code,
      asOf: date!.asOf,
      precision: date!.precision,
      persons: persons!,
      segment,
      measure,
      measureAsPrinted: value("measure") || null,
      status,
      note,
    };
  };

  const { rows, rowCount } = await checkEveryRow(source, header, checkRow, problems);
  if (!rowCount && !problems.count)
    problems.add({ line: 1, column: "", rule: "NO_ROWS", message: "The file has a header but no rows." });
  const reports = groupReports(rows, problems, columnOf);
  problems.listed.sort((a, b) => a.line - b.line);
  return { rowCount, rows, reports, problems };
}

/** The rows of each regency and date as one report; the rules that span rows add their problems. */
function groupReports(
  rows: CoverageImportRow[],
  problems: ProblemList,
  columnOf: Record<Column, string | undefined>,
): CoverageImportReport[] {
  const groups = new Map<string, CoverageImportRow[]>();
  for (const row of rows) {
    const key = `${row.regencyCode}|${row.asOf}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const reports: CoverageImportReport[] = [];
  const columnName = (column: Column) => columnOf[column] ?? COVERAGE_IMPORT_COLUMNS[column][0];
  for (const group of groups.values()) {
    const { regencyCode, asOf } = group[0];
    const firstLine = new Map<string, number>();
    let duplicate = false;
    for (const row of group) {
      const key = row.segment ?? "total";
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        duplicate = true;
        problems.add({
          line: row.line,
          column: columnName(row.segment ? "segment" : "regency"),
          rule: "DUPLICATE_ROW",
          message: `${regencyCode} at ${asOf}${row.segment ? ` (${row.segment})` : ""} is already on line ${earlier}: give each regency, date and segment once.`,
        });
      } else firstLine.set(key, row.line);
    }
    if (duplicate) continue;
    const total = group.find((row) => !row.segment);
    if (!total) {
      for (const row of group)
        problems.add({
          line: row.line,
          column: columnName("segment"),
          rule: "TOTAL_MISSING",
          message: `${regencyCode} at ${asOf} has segment rows but no total: add a row without segment with the regency's participants.`,
        });
      continue;
    }
    const parts = group.filter((row) => row.segment);
    const sums = new Map<string, number>();
    for (const part of parts) {
      const dimension = CATEGORIES[part.segment!].dimension;
      sums.set(dimension, (sums.get(dimension) ?? 0) + part.persons);
    }
    const over = [...sums].filter(([, sum]) => sum > total.persons);
    for (const [dimension, sum] of over)
      problems.add({
        line: total.line,
        column: columnName("participants"),
        rule: "PARTS_ABOVE_TOTAL",
        message: `The ${dimension} rows of ${regencyCode} at ${asOf} add up to ${sum}, more than its total ${total.persons}.`,
      });
    if (over.length) continue;
    reports.push({
      lines: group.map((row) => row.line),
      input: {
        regencyCode,
        asOf: new Date(`${asOf}T00:00:00Z`),
        asOfPrecision: total.precision,
        activeParticipants: total.persons,
        measure: total.measure,
        measureAsPrinted: total.measureAsPrinted,
        status: total.status,
        inference: null,
        note: total.note,
        parts: parts.map((part) => ({
          category: part.segment!,
          persons: part.persons,
          status: part.status,
          note: part.note,
          inference: null,
        })),
      } as CoverageReportInput,
    });
  }
  return reports;
}

export interface CoverageStoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  ids: number[];
}

/** Whether the stored report already says what `input` says: then importing it again changes nothing. */
async function unchanged(manager: EntityManager, input: CoverageReportInput, sourceId: string, asOf: string) {
  const stored = await manager.findOneBy(CoverageReport, { regencyCode: input.regencyCode, asOf, sourceId });
  if (!stored) return { stored: null, same: false };
  const parts = await manager.find(CoverageReportPart, {
    where: { reportId: stored.id },
    order: { category: "ASC" },
  });
  const wanted = [...input.parts].sort((a, b) => a.category.localeCompare(b.category));
  const same =
    stored.activeParticipants === input.activeParticipants &&
    stored.asOfPrecision === input.asOfPrecision &&
    stored.status === input.status &&
    stored.measure === input.measure &&
    (stored.measureAsPrinted ?? null) === (input.measureAsPrinted ?? null) &&
    (stored.note ?? null) === (input.note ?? null) &&
    !stored.inferred &&
    stored.claimedRate === null &&
    stored.claimedGap === null &&
    parts.length === wanted.length &&
    parts.every(
      (part, i) =>
        part.category === wanted[i].category &&
        part.persons === wanted[i].persons &&
        part.status === wanted[i].status &&
        (part.note ?? null) === (wanted[i].note ?? null),
    );
  return { stored, same };
}

/** Stores every report of a clean file, inside the caller's transaction; a report already stored as is stays. */
export async function storeCoverageReports(
  manager: EntityManager,
  reports: CoverageImportReport[],
  sourceId: string,
): Promise<CoverageStoreResult> {
  const result: CoverageStoreResult = { inserted: 0, updated: 0, unchanged: 0, ids: [] };
  for (const { input } of reports) {
    const asOf = input.asOf.toISOString().slice(0, 10);
    const { stored, same } = await unchanged(manager, input, sourceId, asOf);
    if (same) {
      result.unchanged += 1;
      continue;
    }
    const report = await storeCoverageReport(manager, input, sourceId);
    result.ids.push(report.id);
    if (stored) result.updated += 1;
    else result.inserted += 1;
    await notifyCoverageChanged(manager, report.regencyCode, report.asOf);
  }
  return result;
}

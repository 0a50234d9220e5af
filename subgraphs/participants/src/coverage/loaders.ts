import { type FigureStatus, type IsoDate, loaderOfMany, numericAsNumber, readRows } from "@cakupan/kit";
import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";
import {
  type CoverageMeasure,
  CoverageReport,
  CoverageReportPart,
  type DatePrecision,
} from "./coverage-report.entity";

/** Keys that carry a date: "16.06|2025-07-31". */
export function dated(code: string, ...dates: (IsoDate | null)[]): string {
  return [code, ...dates].join("|");
}

function groupBy<K, V>(items: readonly V[], keyOf: (item: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    // Pushed, not copied: the national table groups 514 keys under one date.
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export interface LatestReports {
  /** Every report with a total at the last date at or before asOf. */
  current: CoverageReport[];
  /** Every report with a total at the date before that: the pace is measured against it. */
  previous: CoverageReport[];
}

/**
 * A timestamp as the milliseconds pg's own parsing would give its Date (sub-millisecond digits dropped): a
 * number is read much faster than the text of a timestamp with its zone, twice for each of ~1,000 reports.
 */
const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::float8`;

/** Every column of a report, its date as text (as TypeORM hands a date column over: "2025-07-31"). */
const REPORT_COLUMNS = `r.id, r.regency_code, to_char(r.as_of, 'YYYY-MM-DD') AS as_of, r.as_of_precision,
  r.active_participants, r.status, r.source_id, r.measure, r.measure_as_printed, r.inferred, r.inference,
  r.claimed_rate, r.claimed_gap, r.claimed_gap_target, r.claimed_gap_year, r.note,
  ${epochMs("r.recorded_at")} AS recorded_at, ${epochMs("r.updated_at")} AS updated_at`;

interface CoverageReportRow {
  id: number;
  regency_code: string;
  as_of: IsoDate;
  as_of_precision: DatePrecision;
  active_participants: number | null;
  status: FigureStatus;
  source_id: string;
  measure: CoverageMeasure;
  measure_as_printed: string | null;
  inferred: boolean;
  inference: string | null;
  claimed_rate: string | null;
  claimed_gap: number | null;
  claimed_gap_target: string | null;
  claimed_gap_year: number | null;
  note: string | null;
  recorded_at: number;
  updated_at: number;
}

/**
 * A row made into the entity TypeORM would hydrate (numeric columns through numericAsNumber): the national
 * table reads ~1,000 reports, and TypeORM's hydration of them cost more than the statement.
 */
function coverageReportOf(row: CoverageReportRow): CoverageReport {
  const report = new CoverageReport();
  report.id = row.id;
  report.regencyCode = row.regency_code;
  report.asOf = row.as_of;
  report.asOfPrecision = row.as_of_precision;
  report.activeParticipants = row.active_participants;
  report.status = row.status;
  report.sourceId = row.source_id;
  report.measure = row.measure;
  report.measureAsPrinted = row.measure_as_printed;
  report.inferred = row.inferred;
  report.inference = row.inference;
  report.claimedRate = numericAsNumber.from(row.claimed_rate) as number | null;
  report.claimedGap = row.claimed_gap;
  report.claimedGapTarget = numericAsNumber.from(row.claimed_gap_target) as number | null;
  report.claimedGapYear = row.claimed_gap_year;
  report.note = row.note;
  report.recordedAt = new Date(row.recorded_at);
  report.updatedAt = new Date(row.updated_at);
  return report;
}

/**
 * For each "code|asOf": the reports of the last two dates at or before asOf. One statement per distinct
 * asOf, whatever the number of regencies.
 */
export const latestReports = (db: DataSource) =>
  new DataLoader<string, LatestReports>(async (keys) => {
    const parsed = keys.map((key) => {
      const [code, asOf] = key.split("|");
      return { key, code, asOf };
    });
    const found = new Map<string, LatestReports>();
    for (const [asOf, group] of groupBy(parsed, (k) => k.asOf)) {
      const codes = group.map((k) => k.code);
      // Each regency's two dates read off the (regency_code, as_of DESC) index, a few entries each: ranking
      // every report of every regency named (36 a regency in the national data set, sorted) cost PostgreSQL
      // five times as much for the national table.
      const rows = (await readRows(
        db,
        `SELECT ${REPORT_COLUMNS} FROM coverage_report r
        WHERE (r.regency_code, r.as_of) IN (
          SELECT named.code, dates.as_of FROM unnest(CAST($1 AS text[])) AS named(code)
          CROSS JOIN LATERAL (
            SELECT DISTINCT as_of FROM coverage_report
            WHERE regency_code = named.code AND as_of <= $2 AND active_participants IS NOT NULL
            ORDER BY as_of DESC LIMIT 2
          ) dates)
        AND r.active_participants IS NOT NULL
        ORDER BY r.regency_code, r.as_of DESC, r.id`,
        [codes, asOf],
      )) as CoverageReportRow[];
      const reports = rows.map(coverageReportOf);
      const byRegency = groupBy(reports, (r) => r.regencyCode);
      for (const { key, code } of group) {
        const rows = byRegency.get(code) ?? [];
        const dates = [...new Set(rows.map((r) => r.asOf))];
        found.set(key, {
          current: rows.filter((r) => r.asOf === dates[0]),
          previous: rows.filter((r) => r.asOf === dates[1]),
        });
      }
    }
    return keys.map((key) => found.get(key)!);
  });

/** For each "code|from|to": the regency's reports in that period, oldest first. One statement per period. */
export const reportHistory = (db: DataSource) =>
  new DataLoader<string, CoverageReport[]>(async (keys) => {
    const parsed = keys.map((key) => {
      const [code, from, to] = key.split("|");
      return { key, code, from, to };
    });
    const found = new Map<string, CoverageReport[]>();
    for (const group of groupBy(parsed, (k) => `${k.from}|${k.to}`).values()) {
      const { from, to } = group[0];
      const query = db
        .getRepository(CoverageReport)
        .createQueryBuilder("r")
        .where("r.regency_code = ANY(:codes)", { codes: group.map((k) => k.code) });
      if (from) query.andWhere("r.as_of >= :from", { from });
      if (to) query.andWhere("r.as_of <= :to", { to });
      const byRegency = groupBy(
        await query.orderBy("r.as_of").addOrderBy("r.id").getMany(),
        (r) => r.regencyCode,
      );
      for (const { key, code } of group) found.set(key, byRegency.get(code) ?? []);
    }
    return keys.map((key) => found.get(key)!);
  });

export const partsByReport = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly number[]) =>
      db.getRepository(CoverageReportPart).find({ where: { reportId: In([...ids]) }, order: { id: "ASC" } }),
    (part) => part.reportId,
  );

import { type IsoDate, loaderOfMany, numericAsNumber, readRows } from "@cakupan/kit";
import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";
import { CoverageReport, CoverageReportPart } from "./coverage-report.entity";

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

/**
 * Every column of a report under its property's name, its date as text (as TypeORM hands a date column over:
 * "2025-07-31"): the national table reads ~1,000 reports, and TypeORM's hydration of them cost more than the
 * statement, so they are made into entities as they come (coverageReportOf).
 */
const REPORT_COLUMNS = `r.id, r.regency_code AS "regencyCode", to_char(r.as_of, 'YYYY-MM-DD') AS "asOf",
  r.as_of_precision AS "asOfPrecision", r.active_participants AS "activeParticipants", r.status,
  r.source_id AS "sourceId", r.measure, r.measure_as_printed AS "measureAsPrinted", r.inferred, r.inference,
  r.claimed_rate AS "claimedRate", r.claimed_gap AS "claimedGap", r.claimed_gap_target AS "claimedGapTarget",
  r.claimed_gap_year AS "claimedGapYear", r.note,
  ${epochMs("r.recorded_at")} AS "recordedAt", ${epochMs("r.updated_at")} AS "updatedAt"`;

/** Numeric columns and timestamps as the row gives them: text (numericAsNumber converts) and epoch ms. */
type CoverageReportRow = Omit<
  CoverageReport,
  "claimedRate" | "claimedGapTarget" | "recordedAt" | "updatedAt"
> & {
  claimedRate: string | null;
  claimedGapTarget: string | null;
  recordedAt: number;
  updatedAt: number;
};

/** A row made into the entity TypeORM would hydrate. */
function coverageReportOf(row: CoverageReportRow): CoverageReport {
  return Object.assign(new CoverageReport(), row, {
    claimedRate: numericAsNumber.from(row.claimedRate) as number | null,
    claimedGapTarget: numericAsNumber.from(row.claimedGapTarget) as number | null,
    recordedAt: new Date(row.recordedAt),
    updatedAt: new Date(row.updatedAt),
  });
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

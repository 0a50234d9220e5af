import { type IsoDate, loaderOfMany } from "@cakupan/kit";
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
    groups.set(key, [...(groups.get(key) ?? []), item]);
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
      const reports = await db
        .getRepository(CoverageReport)
        .createQueryBuilder("r")
        // Each regency's two dates read off the (regency_code, as_of DESC) index, a few entries each: ranking
        // every report of every regency named (36 a regency in the national data set, sorted) cost PostgreSQL
        // five times as much for the national table.
        .where(
          `(r.regency_code, r.as_of) IN (
            SELECT named.code, dates.as_of FROM unnest(CAST(:codes AS text[])) AS named(code)
            CROSS JOIN LATERAL (
              SELECT DISTINCT as_of FROM coverage_report
              WHERE regency_code = named.code AND as_of <= :asOf AND active_participants IS NOT NULL
              ORDER BY as_of DESC LIMIT 2
            ) dates)`,
          { codes, asOf },
        )
        .andWhere("r.active_participants IS NOT NULL")
        .orderBy("r.regency_code")
        .addOrderBy("r.as_of", "DESC")
        .addOrderBy("r.id")
        .getMany();
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

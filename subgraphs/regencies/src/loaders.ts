import DataLoader from "dataloader";
import { loaderByKey, loaderOfMany, numericAsNumber, provinceCodeOf, readRows } from "@cakupan/kit";
import { type DataSource, In } from "typeorm";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { CoverageTarget, TargetScope } from "./coverage-target.entity";
import { District } from "./district.entity";
import { Official } from "./official.entity";
import { Province } from "./province.entity";
import { RegencyAlias } from "./regency-alias.entity";
import { Regency } from "./regency.entity";
import { Village } from "./village.entity";
import { WorkforceEstimate } from "./workforce-estimate.entity";

/**
 * Loader factories: RequestContext.loader(factory) gives each request one loader per factory,
 * so N parents cost one statement per kind of child, whatever N is.
 */
export const provinceByCode = (db: DataSource) =>
  loaderByKey(
    (codes: readonly string[]) => db.getRepository(Province).findBy({ code: In([...codes]) }),
    (row) => row.code,
  );

export const regencyByCode = (db: DataSource) =>
  loaderByKey(
    (codes: readonly string[]) => db.getRepository(Regency).findBy({ code: In([...codes]) }),
    (row) => row.code,
  );

export const districtByCode = (db: DataSource) =>
  loaderByKey(
    (codes: readonly string[]) => db.getRepository(District).findBy({ code: In([...codes]) }),
    (row) => row.code,
  );

export const branchOfficeById = (db: DataSource) =>
  loaderByKey(
    (ids: readonly string[]) => db.getRepository(BranchOffice).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );

export const regenciesByProvince = (db: DataSource) =>
  loaderOfMany(
    (codes: readonly string[]) =>
      db.getRepository(Regency).find({ where: { provinceCode: In([...codes]) }, order: { code: "ASC" } }),
    (row) => row.provinceCode,
  );

export const districtsByRegency = (db: DataSource) =>
  loaderOfMany(
    (codes: readonly string[]) =>
      db.getRepository(District).find({ where: { regencyCode: In([...codes]) }, order: { code: "ASC" } }),
    (row) => row.regencyCode,
  );

export const aliasesByRegency = (db: DataSource) =>
  loaderOfMany(
    (codes: readonly string[]) =>
      db.getRepository(RegencyAlias).find({ where: { regencyCode: In([...codes]) }, order: { id: "ASC" } }),
    (row) => row.regencyCode,
  );

/**
 * Raw rows under their properties' names, made into entities as they come: the national table reads ~1,500
 * estimates, and TypeORM's hydration of them cost more than the statement.
 */
export const workforceByRegency = (db: DataSource) =>
  loaderOfMany(
    async (codes: readonly string[]) =>
      (
        await readRows<WorkforceEstimate>(
          db,
          `SELECT id, regency_code AS "regencyCode", year, persons, status, source_id AS "sourceId", note
          FROM workforce_estimate WHERE regency_code = ANY($1) ORDER BY year, id`,
          [codes],
        )
      ).map((row) => Object.assign(new WorkforceEstimate(), row)),
    (row) => row.regencyCode,
  );

export const officialsByRegency = (db: DataSource) =>
  loaderOfMany(
    (codes: readonly string[]) =>
      db
        .getRepository(Official)
        .find({ where: { regencyCode: In([...codes]) }, order: { reportedOn: "ASC", id: "ASC" } }),
    (row) => row.regencyCode!,
  );

/** Every record of each person, ordered as a timeline: by the first date known, undated-to-the-day by year. */
export const officialsByPerson = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly string[]) =>
      db
        .getRepository(Official)
        .createQueryBuilder("o")
        .where("o.person_id IN (:...ids)", { ids: [...ids] })
        .orderBy(
          "coalesce(o.period_start, o.reported_on, make_date(o.reported_year, 1, 1))",
          "ASC",
          "NULLS LAST",
        )
        .addOrderBy("o.id", "ASC")
        .getMany(),
    (row) => row.personId,
  );

export const officialsByBranchOffice = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly string[]) =>
      db
        .getRepository(Official)
        .find({ where: { branchOfficeId: In([...ids]) }, order: { reportedOn: "ASC", id: "ASC" } }),
    (row) => row.branchOfficeId!,
  );

export const agreementsByRegency = (db: DataSource) =>
  loaderOfMany(
    (codes: readonly string[]) =>
      db
        .getRepository(Agreement)
        .find({ where: { regencyCode: In([...codes]) }, order: { reportedOn: "ASC", id: "ASC" } }),
    (row) => row.regencyCode!,
  );

export const branchLinksByRegency = (db: DataSource) =>
  loaderOfMany(
    (codes: readonly string[]) =>
      db.getRepository(BranchOfficeRegency).find({ where: { regencyCode: In([...codes]) } }),
    (row) => row.regencyCode,
  );

export const branchLinksByOffice = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly string[]) =>
      db.getRepository(BranchOfficeRegency).find({ where: { branchOfficeId: In([...ids]) } }),
    (row) => row.branchOfficeId,
  );

/** A row under its properties' names made into the entity TypeORM would hydrate, its numeric rate as a number. */
function coverageTargetOf(row: Omit<CoverageTarget, "rate"> & { rate: string }): CoverageTarget {
  return Object.assign(new CoverageTarget(), row, { rate: numericAsNumber.from(row.rate) as number });
}

const SCOPE_RANK: Record<TargetScope, number> = { REGENCY: 0, PROVINCE: 1, NATIONAL: 2 };

/**
 * The targets in force for each regency: for every year and scheme, its own target if it has one,
 * else its province's, else the national one. One statement for any number of regencies.
 */
export const targetsForRegency = (db: DataSource) =>
  new DataLoader<string, CoverageTarget[]>(async (codes) => {
    const provinces = [...new Set(codes.map(provinceCodeOf))];
    const rows = (await readRows(
      db,
      `SELECT id, scope, area_code AS "areaCode", year, rate, scheme, status, source_id AS "sourceId", note,
        inferred, inference
      FROM coverage_target
      WHERE scope = $1 OR (scope = $2 AND area_code = ANY($3)) OR (scope = $4 AND area_code = ANY($5))
      ORDER BY year, scheme, id`,
      [TargetScope.NATIONAL, TargetScope.PROVINCE, provinces, TargetScope.REGENCY, codes],
    )) as (Omit<CoverageTarget, "rate"> & { rate: string })[];
    const candidates = rows.map(coverageTargetOf);
    // By area, so that each of 514 regencies looks at its own few candidates, not at every one of them.
    const national: CoverageTarget[] = [];
    const byArea = new Map<string, CoverageTarget[]>();
    for (const target of candidates) {
      if (target.scope === TargetScope.NATIONAL) national.push(target);
      else {
        const list = byArea.get(target.areaCode!);
        if (list) list.push(target);
        else byArea.set(target.areaCode!, [target]);
      }
    }
    return codes.map((code) => {
      const own = byArea.get(code);
      const province = byArea.get(provinceCodeOf(code));
      // In the statement's order (year, scheme, id), as the filter over every candidate gave them.
      const applicable =
        !own && !province
          ? national
          : candidates.filter(
              (t) =>
                t.scope === TargetScope.NATIONAL ||
                t.areaCode === code ||
                t.areaCode === provinceCodeOf(code),
            );
      const best = new Map<string, CoverageTarget[]>();
      for (const target of applicable) {
        const slot = `${target.year}/${target.scheme}`;
        const current = best.get(slot);
        if (!current || SCOPE_RANK[target.scope] < SCOPE_RANK[current[0].scope]) best.set(slot, [target]);
        else if (SCOPE_RANK[target.scope] === SCOPE_RANK[current[0].scope]) current.push(target);
      }
      return [...best.values()].flat();
    });
  });

export const villageByCode = (db: DataSource) =>
  loaderByKey(
    (codes: readonly string[]) => db.getRepository(Village).findBy({ code: In([...codes]) }),
    (row) => row.code,
  );

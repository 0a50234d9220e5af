import { ALL_SEED_SOURCES, Source } from "@cakupan/kit";
import type { DataSource } from "typeorm";
import { Agreement } from "../agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "../branch-office.entity";
import { CoverageTarget } from "../coverage-target.entity";
import { Official } from "../official.entity";
import { RegencyAlias } from "../regency-alias.entity";
import { Regency, RegencyKind } from "../regency.entity";
import { WorkforceEstimate } from "../workforce-estimate.entity";
import { type AreaLoadResult, loadAreaData, regionMasterSource } from "./area-data";
import {
  AGREEMENTS,
  BRANCH_OFFICE_REGENCIES,
  BRANCH_OFFICES,
  COVERAGE_TARGETS,
  CURATED_ALIASES,
  GOVERNMENT_ALIAS_PROVINCES,
  OFFICIALS,
  WORKFORCE_ESTIMATES,
} from "./figures";
import type { Progress } from "./progress";

async function governmentAliases(db: DataSource) {
  const regencies = await db
    .getRepository(Regency)
    .createQueryBuilder("r")
    .where("r.province_code IN (:...codes)", { codes: GOVERNMENT_ALIAS_PROVINCES })
    .getMany();
  return regencies.map((regency) => {
    const prefix = regency.kind === RegencyKind.KOTA ? "Pemkot" : "Pemkab";
    return {
      regencyCode: regency.code,
      alias: `${prefix} ${regency.shortName}`,
      rationale: `The ${regency.kind === RegencyKind.KOTA ? "city" : "regency"} government as the press names it (Pemerintah ${regency.kind === RegencyKind.KOTA ? "Kota" : "Kabupaten"} shortened to ${prefix}), as in "Pemkab Ogan Ilir" (seed 004).`,
      sourceId: null,
    };
  });
}

/**
 * Loads the region master, then every seed figure with its source. Safe to run on every start:
 * unchanged area data is skipped by checksum and the figures are upserted by their natural keys.
 */
export async function seedRegencies(db: DataSource, progress: Progress): Promise<AreaLoadResult> {
  const areas = await loadAreaData(db, progress);
  const aliases = [...CURATED_ALIASES, ...(await governmentAliases(db))];
  const uniqueAliases = [...new Map(aliases.map((a) => [`${a.regencyCode}/${a.alias}`, a])).values()];
  await db.transaction(async (manager) => {
    await manager.upsert(Source, [...ALL_SEED_SOURCES, regionMasterSource()], ["id"]);
    await manager.upsert(RegencyAlias, uniqueAliases, ["regencyCode", "alias"]);
    await manager.upsert(WorkforceEstimate, WORKFORCE_ESTIMATES, ["regencyCode", "year", "sourceId"]);
    await manager.upsert(CoverageTarget, COVERAGE_TARGETS, [
      "scope",
      "areaCode",
      "year",
      "scheme",
      "sourceId",
    ]);
    await manager.upsert(BranchOffice, BRANCH_OFFICES, ["id"]);
    await manager.upsert(BranchOfficeRegency, BRANCH_OFFICE_REGENCIES, ["branchOfficeId", "regencyCode"]);
    await manager.upsert(Official, OFFICIALS, ["id"]);
    await manager.upsert(Agreement, AGREEMENTS, ["id"]);
  });
  return areas;
}

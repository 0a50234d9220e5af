import { dataVersionMigration } from "@cakupan/kit";

export const DataVersion1763805000000 = dataVersionMigration(1763805000000, [
  "source",
  "province",
  "regency",
  "district",
  "village",
  "regency_alias",
  "workforce_estimate",
  "coverage_target",
  "branch_office",
  "branch_office_regency",
  "official",
  "agreement",
]);

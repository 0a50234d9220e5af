import { dataVersionMigration } from "@cakupan/kit";

export const DataVersion1763805000000 = dataVersionMigration(1763805000000, [
  "source",
  "award_category",
  "award_edition",
  "edition_category",
  "edition_identity",
  "organisation",
  "nomination",
  "nomination_stage",
  "award_result",
]);

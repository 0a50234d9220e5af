import { ALL_SEED_SOURCES, Source } from "@cakupan/kit";
import type { DataSource } from "typeorm";
import { AwardCategory } from "../award-category.entity";
import { AwardEdition, AwardGiver, EditionCategory, EditionIdentity } from "../award-edition.entity";
import { AwardResult, Nomination, NominationStage } from "../nomination.entity";
import { CATEGORIES, EDITIONS, GIVERS, NOMINATIONS, SAME_ROUND } from "./figures";

/** Seeds the award facts of the source articles with their sources; idempotent. */
export async function seedAwards(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.upsert(Source, ALL_SEED_SOURCES, ["id"]);
    await manager.upsert(AwardCategory, CATEGORIES, ["code"]);
    for (const { categoryCodes, ...edition } of EDITIONS) {
      await manager.upsert(AwardEdition, edition, ["id"]);
      await manager.upsert(
        EditionCategory,
        categoryCodes.map((categoryCode, position) => ({ editionId: edition.id, categoryCode, position })),
        ["editionId", "categoryCode"],
      );
    }
    await manager.upsert(EditionIdentity, SAME_ROUND, ["editionId", "otherEditionId"]);
    await manager.upsert(AwardGiver, GIVERS, ["id"]);
    for (const seed of NOMINATIONS) {
      const inferred = { inferred: seed.inference !== null, inference: seed.inference };
      const key = {
        editionId: seed.editionId,
        categoryCode: seed.categoryCode,
        nomineeType: "REGENCY" as const,
        nomineeCode: seed.regencyCode,
      };
      let nomination = await manager.findOneBy(Nomination, key);
      if (!nomination) {
        const { identifiers } = await manager.insert(Nomination, {
          ...key,
          organisationId: null,
          sourceId: seed.sourceId,
          note: seed.note,
          ...inferred,
        });
        nomination = await manager.findOneByOrFail(Nomination, { id: identifiers[0].id });
      } else {
        await manager.update(Nomination, nomination.id, {
          sourceId: seed.sourceId,
          note: seed.note,
          ...inferred,
        });
      }
      for (const stage of seed.stages)
        await manager.upsert(NominationStage, { ...stage, nominationId: nomination.id }, [
          "nominationId",
          "kind",
        ]);
      if (seed.result) {
        await manager.upsert(
          AwardResult,
          {
            ...seed.result,
            nominationId: nomination.id,
            editionId: seed.editionId,
            categoryCode: seed.categoryCode,
          },
          ["nominationId"],
        );
      }
    }
  });
}

import { loaderByKey, loaderOfMany } from "@cakupan/kit";
import { type DataSource, In } from "typeorm";
import { AwardCategory } from "./award-category.entity";
import { AwardEdition, AwardGiver, EditionCategory, EditionIdentity } from "./award-edition.entity";
import {
  AwardResult,
  Nomination,
  NominationStage,
  type NomineeType,
  Organisation,
} from "./nomination.entity";

/** "REGENCY|16.06": nominations and results are looked up by the nominee they name. */
export const nomineeKey = (type: NomineeType, code: string) => `${type}|${code}`;

function byNominee(keys: readonly string[]) {
  const pairs = keys.map((key) => key.split("|") as [NomineeType, string]);
  return pairs.map(([type, code]) => ({ nomineeType: type, nomineeCode: code }));
}

export const editionById = (db: DataSource) =>
  loaderByKey(
    (ids: readonly string[]) => db.getRepository(AwardEdition).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );

export const categoryByCode = (db: DataSource) =>
  loaderByKey(
    (codes: readonly string[]) => db.getRepository(AwardCategory).findBy({ code: In([...codes]) }),
    (row) => row.code,
  );

export const organisationById = (db: DataSource) =>
  loaderByKey(
    (ids: readonly number[]) => db.getRepository(Organisation).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );

export const nominationById = (db: DataSource) =>
  loaderByKey(
    (ids: readonly number[]) => db.getRepository(Nomination).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );

export const categoriesByEdition = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly string[]) =>
      db
        .getRepository(EditionCategory)
        .find({ where: { editionId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.editionId,
  );

export const identitiesByEdition = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly string[]) =>
      db
        .getRepository(EditionIdentity)
        .find({ where: { editionId: In([...ids]) }, order: { otherEditionId: "ASC" } }),
    (row) => row.editionId,
  );

export const nominationsByEdition = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly string[]) =>
      db.getRepository(Nomination).find({ where: { editionId: In([...ids]) }, order: { id: "ASC" } }),
    (row) => row.editionId,
  );

export const nominationsByNominee = (db: DataSource) =>
  loaderOfMany(
    (keys: readonly string[]) =>
      db.getRepository(Nomination).find({ where: byNominee(keys), order: { id: "ASC" } }),
    (row) => nomineeKey(row.nomineeType, row.nomineeCode!),
  );

export const resultByNomination = (db: DataSource) =>
  loaderByKey(
    (ids: readonly number[]) => db.getRepository(AwardResult).findBy({ nominationId: In([...ids]) }),
    (row) => row.nominationId,
  );

export const stagesByNomination = (db: DataSource) =>
  loaderOfMany(
    (ids: readonly number[]) =>
      db.getRepository(NominationStage).find({ where: { nominationId: In([...ids]) } }),
    (row) => row.nominationId,
  );

/** The givers recorded for each edition, and for the level rules under the key "LEVEL:<level>". One statement. */
export const giversByEditionOrLevel = (db: DataSource) =>
  loaderOfMany(
    async (keys: readonly string[]) => {
      const editions = keys.filter((key) => !key.startsWith("LEVEL:"));
      const levels = keys.filter((key) => key.startsWith("LEVEL:")).map((key) => key.slice("LEVEL:".length));
      return db
        .getRepository(AwardGiver)
        .createQueryBuilder("g")
        .where("g.edition_id = ANY(:editions)", { editions })
        .orWhere("(g.edition_id IS NULL AND g.level = ANY(:levels))", { levels })
        .orderBy("g.id")
        .getMany();
    },
    (row) => row.editionId ?? `LEVEL:${row.level}`,
  );

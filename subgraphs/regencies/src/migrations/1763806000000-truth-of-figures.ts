import { SOURCE_DATES_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

const INFERENCE_TABLES = ["coverage_target", "branch_office_regency", "official", "agreement"];

/**
 * Sources date the event apart from publication; values the sources do not print but that were derived say
 * so (inferred, inference); an official's records of one person are grouped into a timeline (person_id).
 */
export class TruthOfFigures1763806000000 implements MigrationInterface {
  name = "TruthOfFigures1763806000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      ...SOURCE_DATES_SQL,
      ...INFERENCE_TABLES.map(
        (table) => `ALTER TABLE ${table}
          ADD COLUMN inferred boolean NOT NULL DEFAULT false,
          ADD COLUMN inference text,
          ADD CONSTRAINT ${table}_inference_reason CHECK (NOT inferred OR inference IS NOT NULL)`,
      ),
      `ALTER TABLE official ADD COLUMN person_id text,
        ADD COLUMN reported_year int CHECK (reported_year BETWEEN 1945 AND 2100)`,
      `UPDATE official SET person_id = id`,
      `ALTER TABLE official ALTER COLUMN person_id SET NOT NULL`,
      `CREATE INDEX official_person_idx ON official (person_id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE official DROP COLUMN person_id, DROP COLUMN reported_year`);
    for (const table of INFERENCE_TABLES)
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN inferred, DROP COLUMN inference`);
    await queryRunner.query(
      `ALTER TABLE "source" DROP COLUMN reported_on, DROP COLUMN inferred, DROP COLUMN inference`,
    );
  }
}

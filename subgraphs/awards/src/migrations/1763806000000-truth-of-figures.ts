import { SOURCE_DATES_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

const INFERENCE_TABLES = ["nomination", "nomination_stage", "award_result"];

/** Sources date the event apart from publication; derived categories say so; who confers the award, per level. */
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
      `CREATE TABLE award_giver (
        id text PRIMARY KEY,
        level text NOT NULL CHECK (level IN ('PROVINCIAL', 'NATIONAL')),
        edition_id text REFERENCES award_edition (id),
        conferred_by text NOT NULL,
        organised_by text,
        source_id text NOT NULL REFERENCES source (id),
        note text,
        inferred boolean NOT NULL DEFAULT false,
        inference text,
        CHECK (NOT inferred OR inference IS NOT NULL),
        UNIQUE NULLS NOT DISTINCT (level, edition_id)
      )`,
      // A write to it changes what the gateway may cache, as every other table's does.
      `CREATE TRIGGER award_giver_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON award_giver
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE award_giver`);
    for (const table of INFERENCE_TABLES)
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN inferred, DROP COLUMN inference`);
    await queryRunner.query(
      `ALTER TABLE "source" DROP COLUMN reported_on, DROP COLUMN inferred, DROP COLUMN inference`,
    );
  }
}

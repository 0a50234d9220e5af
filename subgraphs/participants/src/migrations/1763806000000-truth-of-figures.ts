import { SOURCE_DATES_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** Sources date the event apart from publication; reports say what they count; derived values say so. */
export class TruthOfFigures1763806000000 implements MigrationInterface {
  name = "TruthOfFigures1763806000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      ...SOURCE_DATES_SQL,
      `ALTER TABLE coverage_report
        ADD COLUMN measure text NOT NULL DEFAULT 'ACTIVE' CHECK (measure IN ('ACTIVE', 'REGISTERED')),
        ADD COLUMN measure_as_printed text,
        ADD COLUMN inferred boolean NOT NULL DEFAULT false,
        ADD COLUMN inference text,
        ADD CONSTRAINT coverage_report_inference_reason CHECK (NOT inferred OR inference IS NOT NULL)`,
      `ALTER TABLE coverage_report_part
        ADD COLUMN inferred boolean NOT NULL DEFAULT false,
        ADD COLUMN inference text,
        ADD CONSTRAINT coverage_report_part_inference_reason CHECK (NOT inferred OR inference IS NOT NULL)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE coverage_report_part DROP COLUMN inferred, DROP COLUMN inference`);
    await queryRunner.query(
      `ALTER TABLE coverage_report DROP COLUMN measure, DROP COLUMN measure_as_printed, DROP COLUMN inferred, DROP COLUMN inference`,
    );
    await queryRunner.query(
      `ALTER TABLE "source" DROP COLUMN reported_on, DROP COLUMN inferred, DROP COLUMN inference`,
    );
  }
}

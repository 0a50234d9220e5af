import { SOURCE_TABLE_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateCoverageReports1763800000000 implements MigrationInterface {
  name = "CreateCoverageReports1763800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      SOURCE_TABLE_SQL,
      `CREATE TABLE coverage_report (
        id serial PRIMARY KEY,
        regency_code text COLLATE "C" NOT NULL CHECK (regency_code ~ '^[0-9]{2}\\.[0-9]{2}$'),
        as_of date NOT NULL,
        as_of_precision text NOT NULL CHECK (as_of_precision IN ('DAY', 'MONTH', 'YEAR')),
        active_participants int CHECK (active_participants >= 0),
        status text NOT NULL CHECK (status IN ('REPORTED', 'ESTIMATE')),
        source_id text NOT NULL REFERENCES source (id),
        claimed_rate numeric(7, 6) CHECK (claimed_rate > 0 AND claimed_rate <= 1),
        claimed_gap int CHECK (claimed_gap >= 0),
        claimed_gap_target numeric(6, 4) CHECK (claimed_gap_target > 0 AND claimed_gap_target <= 1),
        claimed_gap_year int,
        note text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (regency_code, as_of, source_id),
        CHECK (claimed_gap IS NULL OR claimed_gap_target IS NOT NULL)
      )`,
      // Coverage asks for "the last reports at or before a date" per regency: this index answers it.
      `CREATE INDEX coverage_report_regency_as_of_idx ON coverage_report (regency_code, as_of DESC)`,
      `CREATE TABLE coverage_report_part (
        id serial PRIMARY KEY,
        report_id int NOT NULL REFERENCES coverage_report (id) ON DELETE CASCADE,
        dimension text NOT NULL CHECK (dimension IN ('SEGMENT', 'GROUP', 'FUNDING')),
        category text NOT NULL,
        persons int NOT NULL CHECK (persons >= 0),
        status text NOT NULL CHECK (status IN ('REPORTED', 'ESTIMATE')),
        note text,
        UNIQUE (report_id, category)
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["coverage_report_part", "coverage_report", "source"])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}

import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateRegistry1763803000000 implements MigrationInterface {
  name = "CreateRegistry1763803000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE participant (
        id bigserial PRIMARY KEY,
        regency_code text COLLATE "C" NOT NULL,
        nik_hash text NOT NULL UNIQUE,
        nik_encrypted bytea NOT NULL,
        nik_masked text NOT NULL,
        full_name text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
        birth_date date NOT NULL,
        village_code text COLLATE "C" NOT NULL,
        district_code text COLLATE "C" NOT NULL,
        occupation text NOT NULL,
        segment text NOT NULL,
        programs text[] NOT NULL,
        funding text NOT NULL,
        monthly_contribution int NOT NULL CHECK (monthly_contribution >= 0),
        enrolled_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'NON_ACTIVE')),
        synthetic boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Aggregates group a regency's participants by village, district, occupation, funding and month.
      `CREATE INDEX participant_regency_idx ON participant (regency_code, status) INCLUDE (village_code, district_code, funding, monthly_contribution, enrolled_on, occupation)`,
      `CREATE INDEX participant_village_idx ON participant (village_code, status)`,
      `CREATE INDEX participant_district_idx ON participant (district_code, status)`,
      `CREATE TABLE participant_status_history (
        id bigserial PRIMARY KEY,
        participant_id bigint NOT NULL REFERENCES participant (id),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'NON_ACTIVE')),
        since date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX participant_status_history_participant_idx ON participant_status_history (participant_id, recorded_at)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE participant_status_history");
    await queryRunner.query("DROP TABLE participant");
  }
}

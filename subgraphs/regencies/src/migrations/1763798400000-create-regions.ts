import { SOURCE_TABLE_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Codes are compared byte-wise (COLLATE "C") so that ordering and range scans follow the code,
 * not the locale. Enumerations are CHECKed text, so adding a value is a one-line migration.
 */
export class CreateRegions1763798400000 implements MigrationInterface {
  name = "CreateRegions1763798400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      SOURCE_TABLE_SQL,
      `CREATE TABLE province (
        code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL
      )`,
      `CREATE TABLE regency (
        code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{2}\\.[0-9]{2}$'),
        province_code text COLLATE "C" NOT NULL REFERENCES province (code),
        name text NOT NULL,
        short_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('KABUPATEN', 'KOTA'))
      )`,
      `CREATE INDEX regency_province_code_idx ON regency (province_code, code)`,
      `CREATE TABLE district (
        code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$'),
        regency_code text COLLATE "C" NOT NULL REFERENCES regency (code),
        name text NOT NULL
      )`,
      `CREATE INDEX district_regency_code_idx ON district (regency_code, code)`,
      `CREATE TABLE village (
        code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$'),
        district_code text COLLATE "C" NOT NULL REFERENCES district (code),
        regency_code text COLLATE "C" NOT NULL REFERENCES regency (code),
        name text NOT NULL
      )`,
      `CREATE INDEX village_district_code_idx ON village (district_code, code)`,
      `CREATE INDEX village_regency_code_idx ON village (regency_code, code)`,
      `CREATE TABLE regency_alias (
        id serial PRIMARY KEY,
        regency_code text COLLATE "C" NOT NULL REFERENCES regency (code),
        alias text NOT NULL CHECK (alias <> ''),
        rationale text NOT NULL,
        source_id text REFERENCES source (id),
        UNIQUE (regency_code, alias)
      )`,
      `CREATE INDEX regency_alias_lower_idx ON regency_alias (lower(alias))`,
      `CREATE TABLE workforce_estimate (
        id serial PRIMARY KEY,
        regency_code text COLLATE "C" NOT NULL REFERENCES regency (code),
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2100),
        persons int NOT NULL CHECK (persons >= 0),
        status text NOT NULL CHECK (status IN ('REPORTED', 'COMPUTED', 'ESTIMATE')),
        source_id text NOT NULL REFERENCES source (id),
        note text,
        UNIQUE (regency_code, year, source_id)
      )`,
      `CREATE TABLE coverage_target (
        id serial PRIMARY KEY,
        scope text NOT NULL CHECK (scope IN ('NATIONAL', 'PROVINCE', 'REGENCY')),
        area_code text COLLATE "C",
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2100),
        scheme text NOT NULL,
        rate numeric(6, 4) NOT NULL CHECK (rate > 0 AND rate <= 1),
        status text NOT NULL CHECK (status IN ('REPORTED', 'COMPUTED', 'ESTIMATE')),
        source_id text NOT NULL REFERENCES source (id),
        note text,
        CHECK ((scope = 'NATIONAL') = (area_code IS NULL)),
        UNIQUE NULLS NOT DISTINCT (scope, area_code, year, scheme, source_id)
      )`,
      `CREATE TABLE branch_office (
        id text PRIMARY KEY,
        name text NOT NULL,
        source_id text NOT NULL REFERENCES source (id)
      )`,
      `CREATE TABLE branch_office_regency (
        branch_office_id text NOT NULL REFERENCES branch_office (id),
        regency_code text COLLATE "C" NOT NULL REFERENCES regency (code),
        basis text NOT NULL,
        source_id text NOT NULL REFERENCES source (id),
        PRIMARY KEY (branch_office_id, regency_code)
      )`,
      `CREATE INDEX branch_office_regency_regency_idx ON branch_office_regency (regency_code)`,
      `CREATE TABLE official (
        id text PRIMARY KEY,
        person_name text NOT NULL,
        role text NOT NULL,
        title text NOT NULL,
        organisation text NOT NULL,
        regency_code text COLLATE "C" REFERENCES regency (code),
        province_code text COLLATE "C" REFERENCES province (code),
        branch_office_id text REFERENCES branch_office (id),
        reported_on date,
        period_start date,
        period_end date,
        source_id text NOT NULL REFERENCES source (id),
        note text,
        CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
      )`,
      `CREATE INDEX official_regency_idx ON official (regency_code)`,
      `CREATE TABLE agreement (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('MOU', 'COOPERATION_AGREEMENT')),
        title text NOT NULL,
        parties text[] NOT NULL,
        regency_code text COLLATE "C" REFERENCES regency (code),
        branch_office_id text REFERENCES branch_office (id),
        signed_on date,
        reported_on date,
        purpose text NOT NULL,
        follow_up text,
        source_id text NOT NULL REFERENCES source (id),
        note text
      )`,
      `CREATE INDEX agreement_regency_idx ON agreement (regency_code)`,
      `CREATE TABLE dataset_load (
        name text PRIMARY KEY,
        version text NOT NULL,
        checksum text NOT NULL,
        row_counts jsonb NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      "dataset_load",
      "agreement",
      "official",
      "branch_office_regency",
      "branch_office",
      "coverage_target",
      "workforce_estimate",
      "regency_alias",
      "village",
      "district",
      "regency",
      "province",
      "source",
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

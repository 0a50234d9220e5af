import { SOURCE_TABLE_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateAwards1763801000000 implements MigrationInterface {
  name = "CreateAwards1763801000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      SOURCE_TABLE_SQL,
      `CREATE TABLE award_category (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        name_id text NOT NULL,
        name_en text NOT NULL,
        nominee_kind text CHECK (nominee_kind IN ('REGENCY_GOVERNMENT', 'PROVINCE_GOVERNMENT', 'VILLAGE_GOVERNMENT', 'BUSINESS', 'PUBLIC_SERVICE_INSTITUTION')),
        business_sector text,
        business_size text CHECK (business_size IN ('LARGE', 'MEDIUM', 'SMALL', 'MICRO')),
        named_by_source boolean NOT NULL,
        CHECK (named_by_source = (nominee_kind IS NOT NULL))
      )`,
      `CREATE TABLE award_edition (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('PROVINCIAL', 'NATIONAL')),
        province_code text COLLATE "C" CHECK (province_code ~ '^[0-9]{2}$'),
        press_label text,
        assessment_year int,
        assessment_start date,
        assessment_end date,
        ceremony_date date,
        source_id text NOT NULL REFERENCES source (id),
        note text,
        CHECK ((level = 'PROVINCIAL') = (province_code IS NOT NULL)),
        CHECK (assessment_start IS NULL OR assessment_end IS NULL OR assessment_start <= assessment_end),
        CHECK (ceremony_date IS NULL OR ceremony_date >= coalesce(assessment_end, assessment_start, ceremony_date))
      )`,
      `CREATE INDEX award_edition_province_idx ON award_edition (province_code)`,
      `CREATE TABLE edition_category (
        edition_id text NOT NULL REFERENCES award_edition (id),
        category_code text NOT NULL REFERENCES award_category (code),
        position int NOT NULL,
        PRIMARY KEY (edition_id, category_code)
      )`,
      `CREATE TABLE edition_identity (
        edition_id text NOT NULL REFERENCES award_edition (id),
        other_edition_id text NOT NULL REFERENCES award_edition (id),
        assessment text NOT NULL CHECK (assessment IN ('SAME', 'POSSIBLY_SAME', 'DIFFERENT')),
        note text NOT NULL,
        PRIMARY KEY (edition_id, other_edition_id),
        CHECK (edition_id <> other_edition_id)
      )`,
      `CREATE TABLE organisation (
        id serial PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BUSINESS', 'PUBLIC_SERVICE_INSTITUTION')),
        business_sector text,
        business_size text CHECK (business_size IN ('LARGE', 'MEDIUM', 'SMALL', 'MICRO')),
        regency_code text COLLATE "C"
      )`,
      `CREATE TABLE nomination (
        id serial PRIMARY KEY,
        edition_id text NOT NULL,
        category_code text NOT NULL,
        nominee_type text NOT NULL CHECK (nominee_type IN ('REGENCY', 'PROVINCE', 'VILLAGE', 'ORGANISATION')),
        nominee_code text COLLATE "C",
        organisation_id int REFERENCES organisation (id),
        source_id text NOT NULL REFERENCES source (id),
        note text,
        FOREIGN KEY (edition_id, category_code) REFERENCES edition_category (edition_id, category_code),
        CHECK ((nominee_type = 'ORGANISATION') = (organisation_id IS NOT NULL AND nominee_code IS NULL))
      )`,
      `CREATE UNIQUE INDEX nomination_once_idx ON nomination (edition_id, category_code, nominee_type, nominee_code) WHERE nominee_code IS NOT NULL`,
      `CREATE INDEX nomination_nominee_idx ON nomination (nominee_type, nominee_code)`,
      `CREATE TABLE nomination_stage (
        nomination_id int NOT NULL REFERENCES nomination (id),
        kind text NOT NULL CHECK (kind IN ('DATA_COLLECTION', 'DOCUMENT_VERIFICATION', 'INTERVIEW', 'FIELD_VERIFICATION', 'ANNOUNCEMENT')),
        status text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'COMPLETED')),
        scheduled_at date,
        completed_at date,
        reported_on date,
        source_id text NOT NULL REFERENCES source (id),
        note text,
        PRIMARY KEY (nomination_id, kind),
        CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
      )`,
      `CREATE TABLE award_result (
        nomination_id int PRIMARY KEY REFERENCES nomination (id),
        edition_id text NOT NULL,
        category_code text NOT NULL,
        rank int NOT NULL CHECK (rank >= 1),
        title text NOT NULL CHECK (title <> ''),
        source_id text NOT NULL REFERENCES source (id),
        note text,
        UNIQUE (edition_id, category_code, rank)
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      "award_result",
      "nomination_stage",
      "nomination",
      "organisation",
      "edition_identity",
      "edition_category",
      "award_edition",
      "award_category",
      "source",
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

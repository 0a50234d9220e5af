import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Registry aggregates kept as running counts: every insert, update or delete of participants adjusts
 * participant_counts in the same statement (statement-level triggers over the transition tables), so the
 * aggregates of a regency of a million workers read a few hundred rows instead of scanning a million.
 * The indexes that served those scans go.
 */
const SCOPES = ["regency_code", "district_code", "village_code"];
const DIMENSIONS: [string, string][] = [
  ["total", "''"],
  ["byVillage", "village_code"],
  ["byDistrict", "district_code"],
  ["byOccupation", "occupation"],
  ["byFunding", "funding"],
  ["byEnrolmentMonth", "to_char(enrolled_on, 'YYYY-MM')"],
];

/** One GROUP BY per scope and dimension over the changed rows: cheaper than expanding every row 18 times. */
const EXPAND = (rows: string, sign: string) =>
  SCOPES.flatMap((scope) =>
    DIMENSIONS.map(
      ([dimension, key]) => `
  SELECT '${scope}', ${scope}, '${dimension}', ${key},
         ${sign} count(*), ${sign} count(*) FILTER (WHERE status = 'ACTIVE'), ${sign} count(*) FILTER (WHERE synthetic),
         ${sign} coalesce(sum(monthly_contribution) FILTER (WHERE status = 'ACTIVE'), 0)
  FROM ${rows} GROUP BY ${scope}${key === "''" ? "" : `, ${key}`}`,
    ),
  ).join(" UNION ALL ");

const APPLY = (rows: string, sign: string) => `
  INSERT INTO participant_counts AS c (scope, area, dimension, key, enrolled, active, synthetic, monthly_cost)
  ${EXPAND(rows, sign)}
  ON CONFLICT (scope, area, dimension, key) DO UPDATE SET
    enrolled = c.enrolled + EXCLUDED.enrolled, active = c.active + EXCLUDED.active,
    synthetic = c.synthetic + EXCLUDED.synthetic, monthly_cost = c.monthly_cost + EXCLUDED.monthly_cost;`;

export class ParticipantCounts1763804000000 implements MigrationInterface {
  name = "ParticipantCounts1763804000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE participant_counts (
        scope text NOT NULL,
        area text COLLATE "C" NOT NULL,
        dimension text NOT NULL,
        key text NOT NULL,
        enrolled bigint NOT NULL,
        active bigint NOT NULL,
        synthetic bigint NOT NULL,
        monthly_cost bigint NOT NULL,
        PRIMARY KEY (scope, area, dimension, key)
      )`,
      `CREATE FUNCTION participant_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${APPLY("new_rows", "")} RETURN NULL; END $$`,
      `CREATE FUNCTION participant_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${APPLY("old_rows", "-")} ${APPLY("new_rows", "")} RETURN NULL; END $$`,
      `CREATE FUNCTION participant_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${APPLY("old_rows", "-")} RETURN NULL; END $$`,
      `CREATE TRIGGER participant_counts_insert AFTER INSERT ON participant REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION participant_counts_on_insert()`,
      `CREATE TRIGGER participant_counts_update AFTER UPDATE ON participant REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION participant_counts_on_update()`,
      `CREATE TRIGGER participant_counts_delete AFTER DELETE ON participant REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION participant_counts_on_delete()`,
      `INSERT INTO participant_counts ${EXPAND("participant", "")}`,
      `DROP INDEX participant_regency_idx`,
      `DROP INDEX participant_village_idx`,
      `DROP INDEX participant_district_idx`,
      `CREATE INDEX participant_regency_idx ON participant (regency_code, id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      "DROP TRIGGER participant_counts_insert ON participant",
      "DROP TRIGGER participant_counts_update ON participant",
      "DROP TRIGGER participant_counts_delete ON participant",
      "DROP FUNCTION participant_counts_on_insert()",
      "DROP FUNCTION participant_counts_on_update()",
      "DROP FUNCTION participant_counts_on_delete()",
      "DROP TABLE participant_counts",
    ]) {
      await queryRunner.query(statement);
    }
  }
}

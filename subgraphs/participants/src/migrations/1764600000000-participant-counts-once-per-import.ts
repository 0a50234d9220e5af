import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The running counts of participant_counts applied once per import instead of once per statement. An import
 * merges its file in chunks, and each chunk's statement upserted the count groups it touched (thousands:
 * village × month) — most of them again with the next chunk. A transaction may now defer its counts
 * (participant_counts_defer()): its statements then only note their changed rows, signed, in a temporary
 * table, and participant_counts_apply_pending() adds them up once, set-based, in the same transaction. The
 * import applies them itself before it audits; a deferred constraint trigger applies whatever is still
 * pending when the transaction commits, so no path can commit a change the counts miss. Every other
 * transaction never defers and keeps the counts per statement, exactly as before.
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

const NOTED =
  "regency_code, district_code, village_code, occupation, funding, enrolled_on, status, synthetic, monthly_contribution";

/**
 * The noted rows read once, summed by village and each of occupation, funding and month (a few thousand
 * groups, not a hundred thousand rows); every scope and dimension is then added up from those sums. Reading
 * the rows once per scope and dimension, eighteen times, cost more than all the rest of an import's counts.
 */
const SUMS = "sum(enrolled), sum(active), sum(synthetic), sum(monthly_cost)";
const BY_VILLAGE = `
  WITH by_village AS (
    SELECT regency_code, district_code, village_code, occupation, funding, month,
           GROUPING(occupation, funding, month) AS by, sum(sign) AS enrolled,
           coalesce(sum(sign) FILTER (WHERE status = 'ACTIVE'), 0) AS active,
           coalesce(sum(sign) FILTER (WHERE synthetic), 0) AS synthetic,
           coalesce(sum(sign * monthly_contribution) FILTER (WHERE status = 'ACTIVE'), 0) AS monthly_cost
    FROM (SELECT *, to_char(enrolled_on, 'YYYY-MM') AS month FROM pg_temp.participant_counts_pending) p
    GROUP BY GROUPING SETS ((regency_code, district_code, village_code, occupation),
                            (regency_code, district_code, village_code, funding),
                            (regency_code, district_code, village_code, month))
  )`;
/** Which of by_village's sums a dimension is added up from (GROUPING(occupation, funding, month)). */
const SOURCE: Record<string, number> = { byOccupation: 3, byEnrolmentMonth: 6 };
const KEY: Record<string, string> = { byEnrolmentMonth: "month" };
const EXPAND_SIGNED = `${BY_VILLAGE} ${SCOPES.flatMap((scope) =>
  DIMENSIONS.map(([dimension, key]) => {
    const column = KEY[dimension] ?? key;
    return `
  SELECT '${scope}', ${scope}, '${dimension}', ${column}, ${SUMS}
  FROM by_village WHERE by = ${SOURCE[dimension] ?? 5} GROUP BY ${scope}${column === "''" ? "" : `, ${column}`}
  HAVING (${SUMS}) <> (0, 0, 0, 0)`;
  }),
).join(" UNION ALL ")}`;

const DEFERRED = "to_regclass('pg_temp.participant_counts_pending') IS NOT NULL";
const NOTE = (rows: string, sign: number) =>
  `INSERT INTO pg_temp.participant_counts_pending SELECT ${NOTED}, ${sign} FROM ${rows};`;

/** The statement-level counts of 1763804000000, each under the branch a deferring transaction takes instead. */
const APPLY = (rows: string, sign: string) => `
  INSERT INTO participant_counts AS c (scope, area, dimension, key, enrolled, active, synthetic, monthly_cost)
  ${SCOPES.flatMap((scope) =>
    DIMENSIONS.map(
      ([dimension, key]) => `
  SELECT '${scope}', ${scope}, '${dimension}', ${key},
         ${sign} count(*), ${sign} count(*) FILTER (WHERE status = 'ACTIVE'), ${sign} count(*) FILTER (WHERE synthetic),
         ${sign} coalesce(sum(monthly_contribution) FILTER (WHERE status = 'ACTIVE'), 0)
  FROM ${rows} GROUP BY ${scope}${key === "''" ? "" : `, ${key}`}`,
    ),
  ).join(" UNION ALL ")}
  ON CONFLICT (scope, area, dimension, key) DO UPDATE SET
    enrolled = c.enrolled + EXCLUDED.enrolled, active = c.active + EXCLUDED.active,
    synthetic = c.synthetic + EXCLUDED.synthetic, monthly_cost = c.monthly_cost + EXCLUDED.monthly_cost;`;

const FUNCTIONS = {
  insert: (deferrable: boolean) =>
    deferrable
      ? `IF ${DEFERRED} THEN ${NOTE("new_rows", 1)} ELSE ${APPLY("new_rows", "")} END IF;`
      : APPLY("new_rows", ""),
  update: (deferrable: boolean) =>
    deferrable
      ? `IF ${DEFERRED} THEN ${NOTE("old_rows", -1)} ${NOTE("new_rows", 1)}
         ELSE ${APPLY("old_rows", "-")} ${APPLY("new_rows", "")} END IF;`
      : `${APPLY("old_rows", "-")} ${APPLY("new_rows", "")}`,
  delete: (deferrable: boolean) =>
    deferrable
      ? `IF ${DEFERRED} THEN ${NOTE("old_rows", -1)} ELSE ${APPLY("old_rows", "-")} END IF;`
      : APPLY("old_rows", "-"),
};

const replaceTriggerFunctions = async (queryRunner: QueryRunner, deferrable: boolean) => {
  for (const [event, body] of Object.entries(FUNCTIONS))
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION participant_counts_on_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${body(deferrable)} RETURN NULL; END $$`,
    );
};

export class ParticipantCountsOncePerImport1764600000000 implements MigrationInterface {
  name = "ParticipantCountsOncePerImport1764600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      // One row per deferring transaction, while it runs: its constraint trigger fires at the commit.
      `CREATE TABLE participant_counts_deferral (xact xid8 PRIMARY KEY)`,
      `CREATE FUNCTION participant_counts_apply_pending() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT ${DEFERRED} THEN RETURN; END IF;
          INSERT INTO participant_counts AS c (scope, area, dimension, key, enrolled, active, synthetic, monthly_cost)
          ${EXPAND_SIGNED}
          ON CONFLICT (scope, area, dimension, key) DO UPDATE SET
            enrolled = c.enrolled + EXCLUDED.enrolled, active = c.active + EXCLUDED.active,
            synthetic = c.synthetic + EXCLUDED.synthetic, monthly_cost = c.monthly_cost + EXCLUDED.monthly_cost;
          -- Applied: the transaction's later statements count as they go again.
          DROP TABLE pg_temp.participant_counts_pending;
        END $$`,
      `CREATE FUNCTION participant_counts_defer() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          CREATE TEMP TABLE IF NOT EXISTS participant_counts_pending (
            regency_code text COLLATE "C", district_code text COLLATE "C", village_code text COLLATE "C", occupation text,
            funding text, enrolled_on date, status text, synthetic boolean, monthly_contribution int, sign int
          ) ON COMMIT DROP;
          INSERT INTO participant_counts_deferral VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        END $$`,
      `CREATE FUNCTION participant_counts_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM participant_counts_apply_pending();
          DELETE FROM participant_counts_deferral WHERE xact = NEW.xact;
          RETURN NULL;
        END $$`,
      `CREATE CONSTRAINT TRIGGER participant_counts_at_commit AFTER INSERT ON participant_counts_deferral
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION participant_counts_at_commit()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
    await replaceTriggerFunctions(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await replaceTriggerFunctions(queryRunner, false);
    for (const statement of [
      "DROP TABLE participant_counts_deferral",
      "DROP FUNCTION participant_counts_at_commit()",
      "DROP FUNCTION participant_counts_defer()",
      "DROP FUNCTION participant_counts_apply_pending()",
    ])
      await queryRunner.query(statement);
  }
}

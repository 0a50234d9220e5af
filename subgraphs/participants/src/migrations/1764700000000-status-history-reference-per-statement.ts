import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The status history's reference to its participant checked once per statement instead of once per row. The
 * foreign key looked up and locked each participant a history row names, one query per row: a fifth of an
 * import's merge. The same rule now holds through statement-level triggers, each checking all the rows of
 * its statement in one query:
 * - history rows written (insert or update) must name existing participants;
 * - participants deleted (or truncated) must have no history left;
 * - a participant's id never changes.
 * Instead of the foreign key's row locks, a history write and a participant delete serialize on the data
 * version's single row: each check first updates it (as every write to these tables does anyway,
 * bump_data_version), so the second of two overlapping transactions waits for the first to commit, then, in
 * READ COMMITTED, checks against a fresh snapshot that sees what the first committed, or, in REPEATABLE READ
 * and SERIALIZABLE, fails to serialize. No interleaving leaves a history row without its participant.
 */
const VIOLATION = "USING ERRCODE = 'foreign_key_violation'";
const SERIALIZE = "UPDATE data_version SET version = version;";

export class StatusHistoryReferencePerStatement1764700000000 implements MigrationInterface {
  name = "StatusHistoryReferencePerStatement1764700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE participant_status_history DROP CONSTRAINT participant_status_history_participant_id_fkey`,
      `CREATE FUNCTION participant_status_history_names_participants() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE missing bigint;
        BEGIN
          ${SERIALIZE}
          SELECT h.participant_id INTO missing FROM new_rows h
          WHERE NOT EXISTS (SELECT FROM participant p WHERE p.id = h.participant_id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'participant_status_history names participant %, which does not exist', missing ${VIOLATION};
          END IF;
          RETURN NULL;
        END $$`,
      `CREATE TRIGGER participant_status_history_names_participants_insert AFTER INSERT ON participant_status_history
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_status_history_names_participants()`,
      `CREATE TRIGGER participant_status_history_names_participants_update AFTER UPDATE ON participant_status_history
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_status_history_names_participants()`,
      `CREATE FUNCTION participant_without_history_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE kept bigint;
        BEGIN
          ${SERIALIZE}
          SELECT o.id INTO kept FROM old_rows o
          WHERE EXISTS (SELECT FROM participant_status_history h WHERE h.participant_id = o.id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'participant % still has a status history: delete it first', kept ${VIOLATION};
          END IF;
          RETURN NULL;
        END $$`,
      `CREATE TRIGGER participant_without_history_delete AFTER DELETE ON participant
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_without_history_on_delete()`,
      // After the truncation, so a TRUNCATE of both tables at once passes.
      `CREATE FUNCTION participant_without_history_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${SERIALIZE}
          IF EXISTS (SELECT FROM participant_status_history) THEN
            RAISE EXCEPTION 'participant truncated while participant_status_history still has rows: truncate both' ${VIOLATION};
          END IF;
          RETURN NULL;
        END $$`,
      `CREATE TRIGGER participant_without_history_truncate AFTER TRUNCATE ON participant
        FOR EACH STATEMENT EXECUTE FUNCTION participant_without_history_on_truncate()`,
      `CREATE FUNCTION participant_id_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'a participant''s id never changes (% to %)', OLD.id, NEW.id ${VIOLATION};
        END $$`,
      `CREATE TRIGGER participant_id_unchanged BEFORE UPDATE OF id ON participant
        FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION participant_id_unchanged()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      "DROP TRIGGER participant_id_unchanged ON participant",
      "DROP TRIGGER participant_without_history_truncate ON participant",
      "DROP TRIGGER participant_without_history_delete ON participant",
      "DROP TRIGGER participant_status_history_names_participants_update ON participant_status_history",
      "DROP TRIGGER participant_status_history_names_participants_insert ON participant_status_history",
      "DROP FUNCTION participant_id_unchanged()",
      "DROP FUNCTION participant_without_history_on_truncate()",
      "DROP FUNCTION participant_without_history_on_delete()",
      "DROP FUNCTION participant_status_history_names_participants()",
      `ALTER TABLE participant_status_history ADD CONSTRAINT participant_status_history_participant_id_fkey
        FOREIGN KEY (participant_id) REFERENCES participant (id)`,
    ])
      await queryRunner.query(statement);
  }
}

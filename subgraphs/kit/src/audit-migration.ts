import type { MigrationInterface, QueryRunner } from "typeorm";
import { AUDIT_TABLE_SQL } from "./audit";

/** The audit log's migration, for each subgraph that writes: its own timestamp, the same table. */
export function auditLogMigration(timestamp: number): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `CreateAuditLog${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of AUDIT_TABLE_SQL) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query("DROP TABLE audit_log");
      await queryRunner.query("DROP FUNCTION audit_log_append_only()");
    }
  };
}

import { AUDIT_TABLE_SQL } from "@cakupan/kit";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateAuditLog1763802000000 implements MigrationInterface {
  name = "CreateAuditLog1763802000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of AUDIT_TABLE_SQL) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE audit_log");
    await queryRunner.query("DROP FUNCTION audit_log_append_only()");
  }
}

import { auditLogMigration } from "@cakupan/kit";

export const CreateAuditLog1763802000000 = auditLogMigration(1763802000000);

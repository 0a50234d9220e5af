import { auditLogMigration } from "@cakupan/kit";

export const CreateAuditLog1763802100000 = auditLogMigration(1763802100000);

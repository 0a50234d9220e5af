import { dataVersionMigration } from "@cakupan/kit";

// Not audit_log: it changes on audited reads of personal data, which no cached answer shows (the gateway
// never keeps an operation touching a personal-data field, the audit log included).
export const DataVersion1763805000000 = dataVersionMigration(1763805000000, [
  "source",
  "coverage_report",
  "coverage_report_part",
  "participant",
  "participant_status_history",
]);

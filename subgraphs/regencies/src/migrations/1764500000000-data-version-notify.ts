import { dataVersionNotifyMigration } from "@cakupan/kit";

export const DataVersionNotify1764500000000 = dataVersionNotifyMigration(1764500000000);

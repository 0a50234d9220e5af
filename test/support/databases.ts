import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, withDatabase } from "@cakupan/kit";

/** A name no other run uses, so concurrent runs on one server never meet. */
export function runDatabaseName(subgraph: string, runId: string): string {
  return `cakupan_test_${runId}_${subgraph}`;
}

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export async function createRunDatabase(serverUrl: string, name: string): Promise<string> {
  await ensureDatabase(serverUrl, name);
  return withDatabase(serverUrl, name);
}

export { dropDatabase };

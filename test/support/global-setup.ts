import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataSource } from "@cakupan/kit";
import { awardsSubgraph } from "@cakupan/awards";
import { participantsSubgraph } from "@cakupan/participants";
import { regenciesSubgraph, seedRegencies, silentProgress } from "@cakupan/regencies";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@cakupan/launcher";
import type { TestProject } from "vitest/node";
import { chromiumExecutable } from "./browser";
import { createRunDatabase, dropDatabase, newRunId, runDatabaseName } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    runId: string;
    regenciesDatabaseUrl: string;
    participantsDatabaseUrl: string;
    awardsDatabaseUrl: string;
    chromiumPath: string;
  }
}

/**
 * One run, its own databases: on the server in DATABASE_URL (CI), or on an embedded PostgreSQL in a
 * temporary directory when none is set (a fresh machine). The regencies database is migrated and seeded
 * once here and read by every test; tests that write make databases of their own.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let embeddedDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embeddedDir = mkdtempSync(join(tmpdir(), "cakupan-test-"));
    embedded = await startEmbeddedDatabase({ dataDir: join(embeddedDir, "postgres") });
    serverUrl = embedded.url;
  }
  const runId = newRunId();
  const regenciesDatabase = runDatabaseName("regencies", runId);
  const regenciesDatabaseUrl = await createRunDatabase(serverUrl, regenciesDatabase);
  const regencies = await openDataSource(regenciesSubgraph, regenciesDatabaseUrl);
  await regencies.runMigrations();
  await seedRegencies(regencies, silentProgress);
  await regencies.destroy();

  const seeded: Record<string, { database: string; url: string }> = {};
  for (const definition of [participantsSubgraph, awardsSubgraph]) {
    const database = runDatabaseName(definition.name, runId);
    const url = await createRunDatabase(serverUrl, database);
    const dataSource = await openDataSource(definition, url);
    await dataSource.runMigrations();
    await definition.seed!(dataSource);
    await dataSource.destroy();
    seeded[definition.name] = { database, url };
  }

  const chromiumPath = await chromiumExecutable();
  // Says which browser a run used: Debian's (/usr/bin/chromium), or the one @sparticuz/chromium inflates.
  console.log(`browser tests drive ${chromiumPath}`);
  project.provide("chromiumPath", chromiumPath);
  project.provide("serverUrl", serverUrl);
  project.provide("runId", runId);
  project.provide("regenciesDatabaseUrl", regenciesDatabaseUrl);
  project.provide("participantsDatabaseUrl", seeded.participants.url);
  project.provide("awardsDatabaseUrl", seeded.awards.url);

  return async () => {
    await dropDatabase(serverUrl, regenciesDatabase);
    for (const { database } of Object.values(seeded)) await dropDatabase(serverUrl, database);
    if (embedded) {
      await embedded.stop();
      rmSync(embeddedDir!, { recursive: true, force: true });
    }
  };
}

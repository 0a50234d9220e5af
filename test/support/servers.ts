import {
  openDataSource,
  QueryCounter,
  type RunningServer,
  startSubgraphServer,
  type SubgraphDefinition,
} from "@cakupan/kit";
import { type GatewayServerOptions, type RunningGateway, startGatewayServer } from "@cakupan/gateway";
import { awardsSubgraph } from "@cakupan/awards";
import { participantsSubgraph } from "@cakupan/participants";
import { regenciesSubgraph } from "@cakupan/regencies";
import type { Logger } from "@cakupan/observability";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, inject } from "vitest";
import { TEST_AUTH_SECRET, TEST_INTERNAL_SECRET } from "./auth";
import { createRunDatabase, dropDatabase, runDatabaseName } from "./databases";

export interface TestSubgraph {
  server: RunningServer;
  dataSource: DataSource;
  /** Every SQL statement the subgraph sent since the last reset. */
  sql: QueryCounter;
}

/** A subgraph served in this process on a free port, counting its SQL. */
export async function startTestSubgraph(
  definition: SubgraphDefinition,
  databaseUrl: string,
  port?: number,
  logger?: Logger,
): Promise<TestSubgraph> {
  const sql = new QueryCounter();
  const dataSource = await openDataSource(definition, databaseUrl, sql);
  const server = await startSubgraphServer({
    name: definition.name,
    schema: await definition.buildSchema(),
    dataSource,
    routes: definition.routes,
    identitySecret: TEST_INTERNAL_SECRET,
    port,
    logger,
  });
  return { server, dataSource, sql };
}

export function startRegencies(port?: number): Promise<TestSubgraph> {
  return startTestSubgraph(regenciesSubgraph, inject("regenciesDatabaseUrl"), port);
}

/** The participants subgraph on the run's seeded database, or on `databaseUrl` for a test that writes. */
export function startParticipants(
  databaseUrl = inject("participantsDatabaseUrl"),
  port?: number,
): Promise<TestSubgraph> {
  return startTestSubgraph(participantsSubgraph, databaseUrl, port);
}

/** The awards subgraph on the run's seeded database, or on `databaseUrl` for a test that writes. */
export function startAwards(databaseUrl = inject("awardsDatabaseUrl"), port?: number): Promise<TestSubgraph> {
  return startTestSubgraph(awardsSubgraph, databaseUrl, port);
}

export interface TestStack {
  gateway: RunningGateway;
  subgraphs: Record<string, TestSubgraph>;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  /** A database of the test's own for the participants (or awards) subgraph; else the run's seeded one. */
  participantsDatabaseUrl?: string;
  awardsDatabaseUrl?: string;
  /** Off unless the test is about it. */
  responseCache?: boolean;
  /** Gateway settings the test is about (CORS origins, trusted documents, ...). */
  gateway?: Partial<GatewayServerOptions>;
  /** Each service's logger, by service name. */
  logger?: (service: string) => Logger;
}

/** The gateway over the committed supergraph, routed to subgraphs running in this process. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const logger = options.logger;
  const subgraphs = {
    regencies: await startTestSubgraph(
      regenciesSubgraph,
      inject("regenciesDatabaseUrl"),
      undefined,
      logger?.("regencies"),
    ),
    participants: await startTestSubgraph(
      participantsSubgraph,
      options.participantsDatabaseUrl ?? inject("participantsDatabaseUrl"),
      undefined,
      logger?.("participants"),
    ),
    awards: await startTestSubgraph(
      awardsSubgraph,
      options.awardsDatabaseUrl ?? inject("awardsDatabaseUrl"),
      undefined,
      logger?.("awards"),
    ),
  };
  const gateway = await startGatewayServer({
    subgraphUrls: Object.fromEntries(
      Object.entries(subgraphs).map(([name, subgraph]) => [name, subgraph.server.url]),
    ),
    auth: { secret: TEST_AUTH_SECRET },
    internalSecret: TEST_INTERNAL_SECRET,
    // Off unless a test is about it: the other tests count the SQL each request really costs.
    responseCache: options.responseCache ?? false,
    logger: logger?.("gateway"),
    ...options.gateway,
  });
  return {
    gateway,
    subgraphs,
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.server.stop()));
    },
  };
}

/** A database of this test file's own for a subgraph, migrated and seeded, for tests that write. */
export async function ownDatabase(
  definition: SubgraphDefinition,
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = runDatabaseName(`${definition.name}_${label}`, inject("runId"));
  const url = await createRunDatabase(inject("serverUrl"), name);
  const db = await openDataSource(definition, url);
  await db.runMigrations();
  await definition.seed!(db);
  await db.destroy();
  return { url, drop: () => dropDatabase(inject("serverUrl"), name) };
}

export const ownParticipantsDatabase = (label: string) => ownDatabase(participantsSubgraph, label);
export const ownAwardsDatabase = (label: string) => ownDatabase(awardsSubgraph, label);

export interface UseTestStackOptions extends TestStackOptions {
  /** A participants database of this file's own, migrated and seeded, for tests that write: its label. */
  ownParticipantsDatabase?: string;
  /** An awards database of this file's own, for tests that write: its label. */
  ownAwardsDatabase?: string;
}

/**
 * The stack of one test file: started before its tests (on databases of its own where they write), stopped
 * after them and those databases dropped. Call it at the top of the file; read it inside tests (`stack.url`
 * is the gateway's GraphQL endpoint). Options that need something started first come from a function.
 */
export function useTestStack(
  settings: UseTestStackOptions | (() => Promise<UseTestStackOptions>) = {},
): TestStack & { url: string } {
  const stack = {} as TestStack & { url: string };
  const databases: { drop(): Promise<void> }[] = [];
  beforeAll(async () => {
    const options = typeof settings === "function" ? await settings() : settings;
    const participants = options.ownParticipantsDatabase
      ? await ownParticipantsDatabase(options.ownParticipantsDatabase)
      : undefined;
    if (participants) databases.push(participants);
    const awards = options.ownAwardsDatabase ? await ownAwardsDatabase(options.ownAwardsDatabase) : undefined;
    if (awards) databases.push(awards);
    const started = await startTestStack({
      ...options,
      participantsDatabaseUrl: participants?.url ?? options.participantsDatabaseUrl,
      awardsDatabaseUrl: awards?.url ?? options.awardsDatabaseUrl,
    });
    Object.assign(stack, started, { url: started.gateway.url });
  });
  afterAll(async () => {
    await stack.stop?.();
    for (const database of databases) await database.drop();
  });
  return stack;
}

import { createLogger } from "@cakupan/observability";
import type { GraphQLSchema } from "graphql";
import type { DataSource, Logger } from "typeorm";
import {
  envFlag,
  envPort,
  envString,
  exitWithUsageError,
  parseCommandLine,
  type RunningServer,
  stopOnSignals,
} from "@cakupan/core";
import {
  createDataSource,
  createReplicatedDataSource,
  databaseUrlFromEnv,
  type EntityList,
  type MigrationList,
} from "./data-source";
import { StatementCount } from "./query-counter";
import { type HttpRoutes, startSubgraphServer } from "./server";

/** What makes a subgraph a deployable service: its schema, its tables, and how to seed them. */
export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  entities: EntityList;
  migrations: MigrationList;
  buildSchema(): Promise<GraphQLSchema>;
  /** Idempotent: safe to run on every start. */
  seed?(dataSource: DataSource): Promise<void>;
  /** HTTP routes beside /graphql, such as an event stream. */
  routes?: HttpRoutes;
}

export async function openDataSource(
  definition: SubgraphDefinition,
  url: string,
  logger?: Logger,
): Promise<DataSource> {
  const dataSource = createDataSource({
    url,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
    applicationName: `cakupan-${definition.name}`,
  });
  await dataSource.initialize();
  return dataSource;
}

/** The subgraph's tables read through the streaming replica at `readUrl`, writes still to `url`. */
export async function openReplicatedDataSource(
  definition: SubgraphDefinition,
  url: string,
  readUrl: string,
  logger?: Logger,
): Promise<DataSource> {
  const dataSource = createReplicatedDataSource({
    url,
    readUrl,
    entities: definition.entities,
    migrations: [],
    logger,
    applicationName: `cakupan-${definition.name}-reads`,
  });
  await dataSource.initialize();
  return dataSource;
}

/** Opens the database, migrates and seeds as asked, then serves; how each subgraph runs alone. */
export async function startSubgraphService(
  definition: SubgraphDefinition,
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
): Promise<RunningServer> {
  const statements = new StatementCount();
  const dataSource = await openDataSource(
    definition,
    databaseUrlFromEnv("DATABASE_URL", env),
    logger ?? statements,
  );
  let readDataSource: DataSource | undefined;
  try {
    if (envFlag("MIGRATE_ON_START", true, env)) await dataSource.runMigrations({ transaction: "each" });
    if (envFlag("SEED_ON_START", false, env)) await definition.seed?.(dataSource);
    const readUrl = env.DATABASE_READ_URL;
    if (readUrl)
      readDataSource = await openReplicatedDataSource(
        definition,
        databaseUrlFromEnv("DATABASE_URL", env),
        readUrl,
        logger ?? statements,
      );
    return await startSubgraphServer({
      name: definition.name,
      schema: await definition.buildSchema(),
      dataSource,
      readDataSource,
      routes: definition.routes,
      sqlStatements: () => statements.total,
      identitySecret: env.INTERNAL_TOKEN_SECRET || undefined,
      port: envPort("PORT", definition.defaultPort, env),
      host: envString("HOST", "127.0.0.1", env),
    });
  } catch (error) {
    await dataSource.destroy();
    if (readDataSource?.isInitialized) await readDataSource.destroy();
    throw error;
  }
}

/** The entry point of a subgraph's main.js: start, report, stop on SIGINT/SIGTERM. */
export function runSubgraphService(definition: SubgraphDefinition): void {
  const log = createLogger(definition.name);
  startSubgraphService(definition).then(
    (server) => {
      log.info({ url: server.url }, `${definition.name} subgraph ready at ${server.url}`);
      stopOnSignals(server.stop, (message) => log.info(message));
    },
    (error: Error) => {
      log.fatal({ err: error }, `${definition.name} subgraph did not start: ${error.message}`);
      process.exit(1);
    },
  );
}

/** `migrate`, `revert` and `seed` against DATABASE_URL, for deployments that run them apart from the service. */
export async function runSubgraphCli(
  definition: SubgraphDefinition,
  argv: string[] = process.argv.slice(2),
): Promise<void> {
  const help = `npm run migrate -w @cakupan/${definition.name} -- --help`;
  const { positionals } = parseCommandLine(argv, {
    options: {},
    allowPositionals: true,
    help,
    usage: `usage: node subgraphs/${definition.name}/dist/cli.js <migrate|revert|seed>
       (npm run migrate -w @cakupan/${definition.name}, npm run seed -w @cakupan/${definition.name})

Runs against the database in DATABASE_URL, the ${definition.name} subgraph's own, apart from the service:

  migrate   apply the migrations not yet applied
  revert    undo the last migration applied
  seed      load the seed data (idempotent: safe to run again)`,
  });
  const [command, ...extra] = positionals;
  const commands = ["migrate", "revert", "seed"];
  if (!commands.includes(command)) {
    exitWithUsageError(
      command ? `unknown command ${command}` : `give a command: ${commands.join(", ")}`,
      help,
    );
  }
  if (extra.length) exitWithUsageError(`one command at a time, not ${positionals.join(", ")}`, help);
  const dataSource = await openDataSource(definition, databaseUrlFromEnv());
  try {
    if (command === "migrate") {
      const applied = await dataSource.runMigrations({ transaction: "each" });
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(", ")}` : "up to date");
    } else if (command === "revert") {
      await dataSource.undoLastMigration({ transaction: "each" });
    } else {
      await definition.seed?.(dataSource);
      console.log("seeded");
    }
  } finally {
    await dataSource.destroy();
  }
}

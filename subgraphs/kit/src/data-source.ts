import { Client } from "pg";
import { DataSource, type DataSourceOptions as TypeOrmOptions, type Logger } from "typeorm";

/** Entity classes and migration classes, as TypeORM takes them. */
export type EntityList = NonNullable<TypeOrmOptions["entities"]>;
export type MigrationList = NonNullable<TypeOrmOptions["migrations"]>;

export interface DataSourceOptions {
  /** postgres://user:password@host:port/database — the subgraph's own database. */
  url: string;
  entities: EntityList;
  migrations: MigrationList;
  logger?: Logger;
  /** Shown in pg_stat_activity, so a DBA can tell the subgraphs apart. */
  applicationName?: string;
  poolSize?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTransactionMode: "each",
    logger: options.logger,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    synchronize: false,
  });
}

/**
 * The same tables read through a streaming replica (DATABASE_READ_URL): TypeORM's replication sends query
 * builders and finders to the replica, and writes, transactions and raw queries to the primary. Which
 * requests may use it at all is decided per request (read-replica.ts). It never migrates.
 */
export function createReplicatedDataSource(options: DataSourceOptions & { readUrl: string }): DataSource {
  return new DataSource({
    type: "postgres",
    replication: { master: { url: options.url }, slaves: [{ url: options.readUrl }] },
    entities: options.entities,
    logger: options.logger,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    synchronize: false,
  });
}

/**
 * A raw read where the request's data source reads: TypeORM sends a DataSource's own query() to the primary
 * even when it has a replica, and only query builders and finders to the replica. Loaders that read raw
 * rows (faster to make into entities than TypeORM's hydration) go through here to keep reading the replica.
 */
export async function readRows<Row>(db: DataSource, sql: string, parameters?: unknown[]): Promise<Row[]> {
  if (!db.driver.isReplicated) return (await db.query(sql, parameters)) as Row[];
  const runner = db.createQueryRunner("slave");
  try {
    return (await runner.query(sql, parameters)) as Row[];
  } finally {
    await runner.release();
  }
}

/** Reads a required database URL from the environment, with an error that says how to set it. */
export function databaseUrlFromEnv(variable = "DATABASE_URL", env: NodeJS.ProcessEnv = process.env): string {
  const url = env[variable];
  if (!url) {
    throw new Error(
      `${variable} is not set: point it at this service's PostgreSQL database, e.g. ${variable}=postgres://postgres@127.0.0.1:5432/cakupan_regencies (npm start sets it for you).`,
    );
  }
  return url;
}

/** The same server URL with another database name. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withAdminClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether the server answers a query now (not merely accepts connections: it may be starting up). */
export async function databaseAnswers(serverUrl: string, timeoutMs = 2000): Promise<boolean> {
  const client = new Client({
    connectionString: withDatabase(serverUrl, "postgres"),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database if it does not exist; returns true when it was created. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<boolean> {
  return withAdminClient(serverUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    } catch (error) {
      // Two services may race to create it; the loser finds it there.
      if ((error as { code?: string }).code !== "42P04") throw error;
      return false;
    }
    return true;
  });
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdminClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`),
  );
}

import type { Logger } from "typeorm";

/**
 * A TypeORM logger that records every SQL statement a DataSource sends. Tests use it to prove
 * batching ("514 references, one statement"); errors still reach stderr.
 */
export class QueryCounter implements Logger {
  statements: string[] = [];

  get count(): number {
    return this.statements.length;
  }

  reset(): void {
    this.statements = [];
  }

  /** Runs `work` and returns its result with the statements it sent. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    this.reset();
    const result = await work();
    return { result, statements: [...this.statements] };
  }

  logQuery(query: string): void {
    this.statements.push(query);
  }

  logQueryError(error: string | Error, query: string): void {
    console.error(`SQL error: ${error instanceof Error ? error.message : error}\n  in: ${query}`);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}

  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") console.warn(message);
  }
}

/** Counts statements without keeping them: the running service's figure for GET /metrics. */
export class StatementCount implements Logger {
  total = 0;

  logQuery(): void {
    this.total += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    console.error(`SQL error: ${error instanceof Error ? error.message : error}\n  in: ${query}`);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

import { openDataSource, QueryCounter, type RunningServer, startSubgraphServer, type SubgraphDefinition } from "@cakupan/kit";
import { type RunningGateway, startGatewayServer } from "@cakupan/gateway";
import { regenciesSubgraph } from "@cakupan/regencies";
import type { DataSource } from "typeorm";
import { inject } from "vitest";

export interface TestSubgraph {
  server: RunningServer;
  dataSource: DataSource;
  /** Every SQL statement the subgraph sent since the last reset. */
  sql: QueryCounter;
}

/** A subgraph served in this process on a free port, counting its SQL. */
export async function startTestSubgraph(definition: SubgraphDefinition, databaseUrl: string): Promise<TestSubgraph> {
  const sql = new QueryCounter();
  const dataSource = await openDataSource(definition, databaseUrl, sql);
  const server = await startSubgraphServer({ name: definition.name, schema: await definition.buildSchema(), dataSource });
  return { server, dataSource, sql };
}

export function startRegencies(): Promise<TestSubgraph> {
  return startTestSubgraph(regenciesSubgraph, inject("regenciesDatabaseUrl"));
}

export interface TestStack {
  gateway: RunningGateway;
  subgraphs: Record<string, TestSubgraph>;
  stop(): Promise<void>;
}

/** The gateway over the committed supergraph, routed to subgraphs running in this process. */
export async function startTestStack(): Promise<TestStack> {
  const regencies = await startRegencies();
  const gateway = await startGatewayServer({ subgraphUrls: { regencies: regencies.server.url } });
  return {
    gateway,
    subgraphs: { regencies },
    stop: async () => {
      await gateway.stop();
      await regencies.server.stop();
    },
  };
}

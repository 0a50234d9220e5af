import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createParser } from "eventsource-parser";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { participantsSubgraph } from "@cakupan/participants";
import {
  ensureDatabase,
  openDataSource,
  openReplicatedDataSource,
  type RunningServer,
  startSubgraphServer,
  withDatabase,
} from "@cakupan/kit";
import {
  redisCacheStore,
  type RunningGateway,
  sharedRateLimiter,
  startGatewayServer,
} from "@cakupan/gateway";
import { postgresBinDir, type ReplicatedPostgres, startReplicatedPostgres } from "@cakupan/launcher";
import { READ_AFTER_HEADER } from "@cakupan/core";
import { bearer, TEST_AUTH_SECRET, TEST_INTERNAL_SECRET } from "../../support/auth";
import { testPort } from "../../support/ports";
import { redisServerBinary, startTestRedis, type TestRedis } from "../../support/redis";
import { startAwards, startRegencies, type TestSubgraph } from "../../support/servers";

/**
 * Two gateway replicas sharing a Redis response cache, each in front of its own replica of the participants
 * subgraph; both participants replicas write to one PostgreSQL primary and read from its streaming replica
 * (made with pg_basebackup). No load balancer is needed to prove these behaviours: each gateway is asked
 * directly, which is what HAProxy would do with one request (`npm run cluster` puts HAProxy in front).
 */
const missing = !postgresBinDir()
  ? "PostgreSQL server binaries with pg_basebackup (apt-get install postgresql, or PG_BIN)"
  : !redisServerBinary()
    ? "redis-server (apt-get install redis-server)"
    : undefined;

const COVERAGE = `{ regency(code: "16.06") { coverage { asOf activeParticipants } } }`;
const RATE_LIMIT = { requests: 60, windowSeconds: 60 };
const RECORD = `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`;

describe.skipIf(missing)(`the cluster${missing ? ` (skipped: needs ${missing})` : ""}`, () => {
  let dir: string;
  let postgres: ReplicatedPostgres;
  let redis: TestRedis;
  let others: TestSubgraph[] = [];
  const participants: RunningServer[] = [];
  const gateways: RunningGateway[] = [];
  let replica: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cakupan-cluster-"));
    const [primaryPort, replicaPort] = [await testPort(), await testPort()];
    [postgres, redis, ...others] = (await Promise.all([
      startReplicatedPostgres({ dataDir: join(dir, "postgres"), primaryPort, replicaPort, ephemeral: true }),
      startTestRedis(),
      startRegencies(),
      startAwards(),
    ])) as [ReplicatedPostgres, TestRedis, TestSubgraph, TestSubgraph];
    const database = "cakupan_participants";
    await ensureDatabase(postgres.primaryUrl, database);
    const url = withDatabase(postgres.primaryUrl, database);
    const readUrl = withDatabase(postgres.replicaUrl, database);
    const setup = await openDataSource(participantsSubgraph, url);
    await setup.runMigrations();
    await participantsSubgraph.seed!(setup);
    await setup.destroy();
    const schema = await participantsSubgraph.buildSchema();
    for (let index = 0; index < 2; index++) {
      participants.push(
        await startSubgraphServer({
          name: "participants",
          schema,
          dataSource: await openDataSource(participantsSubgraph, url),
          readDataSource: await openReplicatedDataSource(participantsSubgraph, url, readUrl),
          routes: participantsSubgraph.routes,
          identitySecret: TEST_INTERNAL_SECRET,
        }),
      );
    }
    for (const participantsReplica of participants) {
      gateways.push(
        await startGatewayServer({
          subgraphUrls: {
            regencies: others[0].server.url,
            participants: participantsReplica.url,
            awards: others[1].server.url,
          },
          auth: { secret: TEST_AUTH_SECRET },
          internalSecret: TEST_INTERNAL_SECRET,
          cacheStore: redisCacheStore({ url: redis.url }),
          rateLimit: { ...RATE_LIMIT, ...sharedRateLimiter(RATE_LIMIT, redis.url) },
        }),
      );
    }
    replica = new Client({ connectionString: readUrl });
    await replica.connect();
  }, 180_000);

  afterAll(async () => {
    await replica?.end().catch(() => {});
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await Promise.all(
      [...participants, ...others.map((other) => other.server)].map((server) => server.stop()),
    );
    await redis?.stop();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const [A, B] = [0, 1];
  async function ask(gateway: number, query: string, headers: Record<string, string> = {}) {
    const response = await fetch(gateways[gateway].url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return {
      cache: response.headers.get("x-cache"),
      readAfter: response.headers.get(READ_AFTER_HEADER),
      body: (await response.json()) as { data?: any; errors?: unknown[] },
    };
  }
  async function record(gateway: number, asOf: string, activeParticipants: number) {
    const response = await fetch(gateways[gateway].url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await bearer("operator", ["16.06"])) },
      body: JSON.stringify({
        query: RECORD,
        variables: {
          input: {
            regencyCode: "16.06",
            asOf,
            activeParticipants,
            source: { publisher: "BPJS Ketenagakerjaan Cabang Musi Banyuasin", title: `Laporan ${asOf}` },
          },
        },
      }),
    });
    const body = (await response.json()) as { data?: { recordCoverageReport: { id: string } } };
    expect(body.data?.recordCoverageReport.id).toBeTruthy();
    return { readAfter: response.headers.get(READ_AFTER_HEADER), at: Date.now() };
  }
  /** Holds the replica's replay (it keeps receiving WAL): reads from it are as stale as a lagging replica's. */
  async function whileReplicaLags<T>(work: () => Promise<T>): Promise<T> {
    await replica.query("SELECT pg_wal_replay_pause()");
    try {
      return await work();
    } finally {
      await replica.query("SELECT pg_wal_replay_resume()");
    }
  }

  it("answers from Redis through gateway B what was computed through gateway A", async () => {
    const first = await ask(A, COVERAGE);
    const second = await ask(B, COVERAGE);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.body).toEqual(first.body);
  });

  it("invalidates it for both gateways when a report is written through either participants replica", async () => {
    await ask(A, COVERAGE);
    const written = await record(B, "2025-09-30", 106500);
    // Its writer, sending back the position it was handed (a browser's cookie does), sees it at once anywhere.
    const throughA = await ask(A, COVERAGE, { [READ_AFTER_HEADER]: written.readAfter! });
    const throughB = await ask(B, COVERAGE);
    expect(throughA.cache).toBe("miss");
    expect(throughB.cache).toBe("hit");
    for (const answer of [throughA, throughB])
      expect(answer.body.data.regency.coverage).toEqual({ asOf: "2025-09-30", activeParticipants: 106500 });
  });

  it("tells every gateway of a write through the other participants replica by PostgreSQL's notification", async () => {
    await ask(A, COVERAGE);
    await record(B, "2025-09-30", 106600);
    await vi.waitFor(
      async () =>
        expect((await ask(A, COVERAGE)).body.data.regency.coverage).toEqual({
          asOf: "2025-09-30",
          activeParticipants: 106600,
        }),
      { timeout: 2000, interval: 5 },
    );
  });

  it("never caches an answer older than the primary, even while the read replica lags", async () => {
    await whileReplicaLags(async () => {
      await record(A, "2025-10-31", 107000);
      // Gateway B hears of the write through its own participants replica's notification: its first answer
      // computed under the new version is read from the primary, the replica not having replayed that far.
      const answer = await vi.waitFor(
        async () => {
          const current = await ask(B, COVERAGE);
          expect(current.body.data.regency.coverage.activeParticipants).toBe(107000);
          return current;
        },
        { timeout: 2000, interval: 5 },
      );
      expect(answer.cache).toBe("miss");
      expect(answer.body.data.regency.coverage).toEqual({ asOf: "2025-10-31", activeParticipants: 107000 });
    });
  });

  it("lets a writer read its own write at once through a lagging replica, by the position it was handed", async () => {
    await whileReplicaLags(async () => {
      const written = await record(A, "2025-11-30", 107500);
      expect(written.readAfter).toMatch(/^participants:[0-9A-F]+\/[0-9A-F]+$/);
      const reader = await bearer("operator", ["16.06"]);
      // Signed-in answers are cached too, read at the versions the cache saw (never stale); one that touches a
      // personal-data field is never cached, so it is read where the caller's position says.
      const uncached = `{ regency(code: "16.06") { coverage { asOf activeParticipants } participants(first: 1) { nodes { id } } } }`;
      const stale = await ask(B, uncached, reader);
      const own = await ask(B, uncached, { ...reader, [READ_AFTER_HEADER]: written.readAfter! });
      expect([stale.cache, own.cache]).toEqual([null, null]);
      // Without the position the query is read from the replica, which has not replayed the write yet.
      expect(stale.body.data.regency.coverage.asOf).not.toBe("2025-11-30");
      expect(own.body.data.regency.coverage).toEqual({ asOf: "2025-11-30", activeParticipants: 107500 });
    });
  });

  it("tells a live subscriber of gateway B, within 2 s, of a report written through participants replica 1", async () => {
    const events: { at: number; regencyCode: string }[] = [];
    const controller = new AbortController();
    const response = await fetch(gateways[B].url.replace("/graphql", "/live/coverage"), {
      signal: controller.signal,
    });
    const parser = createParser({
      onEvent: (event) => {
        if (event.event === "coverage")
          events.push({ at: Date.now(), ...(JSON.parse(event.data) as { regencyCode: string }) });
      },
    });
    const reading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        parser.feed(decoder.decode(chunk, { stream: true }));
    })().catch(() => {});
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const written = await record(A, "2025-12-31", 108000);
      const deadline = written.at + 2000;
      while (Date.now() < deadline && !events.some((event) => event.regencyCode === "16.06"))
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(events.map((event) => event.regencyCode)).toContain("16.06");
    } finally {
      controller.abort();
      await reading;
    }
  });

  it("counts a client's requests against one allowance across both gateways", async () => {
    const caller = await bearer("planner", [], "cluster-rate-limit");
    const statuses: number[] = [];
    for (let index = 0; index <= RATE_LIMIT.requests; index++) {
      const response = await fetch(gateways[index % 2].url, {
        method: "POST",
        headers: { "content-type": "application/json", ...caller },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, RATE_LIMIT.requests).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

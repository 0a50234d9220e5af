import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDatabase, openDataSource, withDatabase } from "@cakupan/kit";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@cakupan/launcher";
import { participantsSubgraph } from "@cakupan/participants";
import { createParser } from "eventsource-parser";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { graphql } from "../../support/graphql";
import { testPort } from "../../support/ports";
import { useTestStack } from "../../support/servers";

/**
 * The participants subgraph's PostgreSQL stopped and started again under writes, with nothing restarted: an
 * embedded PostgreSQL of this file's own, so no other test's server is touched. No acknowledged write is
 * lost, failed ones are reported as SERVICE_UNAVAILABLE and are absent, writes work again once it is back,
 * and the live stream carries on.
 */
let postgres: EmbeddedDatabase;
let dataDir: string;
let port: number;
let databaseUrl: string;
let token: Record<string, string>;

// Registered first, so it runs last: after the stack has stopped.
afterAll(async () => {
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const stack = useTestStack(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "cakupan-pg-restart-"));
  port = await testPort();
  postgres = await startEmbeddedDatabase({ dataDir: join(dataDir, "postgres"), port });
  await ensureDatabase(postgres.url, "cakupan_participants");
  databaseUrl = withDatabase(postgres.url, "cakupan_participants");
  const db = await openDataSource(participantsSubgraph, databaseUrl);
  await db.runMigrations();
  await participantsSubgraph.seed!(db);
  await db.destroy();
  return { participantsDatabaseUrl: databaseUrl };
});

beforeAll(async () => {
  token = await bearer("admin");
});

const RECORD = `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`;
let serial = 0;

/** One write, with a title of its own, so that it can be looked for afterwards. */
async function write(regencyCode = "16.06") {
  serial += 1;
  const title = `pg-restart ${serial}`;
  const day = String((serial % 28) + 1).padStart(2, "0");
  const month = String((Math.floor(serial / 28) % 12) + 1).padStart(2, "0");
  const input = {
    regencyCode,
    asOf: `2024-${month}-${day}`,
    activeParticipants: 90_000 + serial,
    source: { publisher: "Fault test", title },
  };
  const sentAt = Date.now();
  const answer = await graphql(stack.gateway.url, RECORD, { input }, token);
  return {
    title,
    sentAt,
    at: Date.now(),
    acknowledged: Boolean(answer.data?.recordCoverageReport?.id),
    errors: answer.errors,
  };
}

async function restartPostgres(downForMs: number): Promise<number> {
  await postgres.stop();
  await new Promise((resolve) => setTimeout(resolve, downForMs));
  postgres = await startEmbeddedDatabase({ dataDir: join(dataDir, "postgres"), port });
  return Date.now();
}

describe("PostgreSQL stopped and started under writes", () => {
  it("loses no acknowledged write, reports failures as SERVICE_UNAVAILABLE, and recovers without a restart", async () => {
    const results: Awaited<ReturnType<typeof write>>[] = [];
    let writing = true;
    const writers = Array.from({ length: 3 }, async () => {
      while (writing) {
        results.push(await write());
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const participantsServer = stack.subgraphs.participants.server;
    const backAt = await restartPostgres(1000);
    const firstAfter = await (async () => {
      for (;;) {
        const acknowledged = results.find((r) => r.at > backAt && r.acknowledged);
        if (acknowledged || Date.now() - backAt > 15_000) return acknowledged;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    writing = false;
    await Promise.all(writers);

    expect(firstAfter, "no write succeeded within 15 s of PostgreSQL's return").toBeDefined();
    console.log(`PostgreSQL back -> first acknowledged write: ${firstAfter!.at - backAt} ms`);
    const acknowledged = results.filter((r) => r.acknowledged);
    const failed = results.filter((r) => !r.acknowledged);
    expect(failed.length).toBeGreaterThan(0);
    for (const { errors } of failed) {
      expect(errors?.[0].extensions, errors?.[0].message).toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        serviceName: "participants",
      });
      expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|ECONN|terminat/i);
    }
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ title: string }>(
        "SELECT s.title FROM coverage_report r JOIN source s ON s.id = r.source_id WHERE s.title LIKE 'pg-restart %'",
      );
      const stored = new Set(rows.map((row) => row.title));
      expect(acknowledged.filter((r) => !stored.has(r.title))).toEqual([]);
      expect(failed.filter((r) => stored.has(r.title)).map((r) => r.title)).toEqual([]);
      console.log(
        `writes: ${acknowledged.length} acknowledged (all present), ${failed.length} failed (none present)`,
      );
    } finally {
      await client.end();
    }
    expect(stack.subgraphs.participants.server).toBe(participantsServer);
  }, 60_000);

  it("keeps the live stream: a write after the restart reaches a subscriber within 2 s", async () => {
    const events: { at: number; event: string; data: string }[] = [];
    const controller = new AbortController();
    const response = await fetch(stack.gateway.url.replace("/graphql", "/live/coverage"), {
      signal: controller.signal,
    });
    const parser = createParser({
      onEvent: (event) => events.push({ at: Date.now(), event: event.event ?? "message", data: event.data }),
    });
    const reading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        parser.feed(decoder.decode(chunk, { stream: true }));
    })().catch(() => {});
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const backAt = await restartPostgres(500);
      let written: Awaited<ReturnType<typeof write>> | undefined;
      while (!written?.acknowledged && Date.now() - backAt < 15_000) written = await write("16.10");
      expect(written?.acknowledged).toBe(true);
      // The write's own event, or a "refetch all" after it was acknowledged: either way the subscriber knows.
      const tells = (e: (typeof events)[number]) => {
        const code =
          e.event === "coverage" ? (JSON.parse(e.data) as { regencyCode: string }).regencyCode : undefined;
        return (code === "16.10" && e.at >= written!.sentAt) || (code === "*" && e.at >= written!.at);
      };
      const deadline = written!.at + 2000;
      while (Date.now() < deadline && !events.some(tells))
        await new Promise((resolve) => setTimeout(resolve, 20));
      const told = events.find(tells);
      expect(told, "the write did not reach the subscriber within 2 s").toBeDefined();
      const firstEvent = events.find((e) => e.at > backAt && e.event === "coverage")!;
      console.log(
        `PostgreSQL back -> first live event: ${firstEvent.at - backAt} ms (${firstEvent.data}); ` +
          `write acknowledged -> subscriber told: ${told!.at - written!.at} ms (${told!.data})`,
      );

      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'cakupan-participants-events'",
      );
      await client.end();
      expect(rows).toHaveLength(1);
    } finally {
      controller.abort();
      await reading;
    }
  }, 60_000);
});

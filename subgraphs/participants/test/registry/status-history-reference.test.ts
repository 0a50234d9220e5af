import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ownParticipantsDatabase } from "../../../../test/support/servers";

/**
 * Every status history row names an existing participant, as the foreign key it replaces guaranteed
 * (migration 1764700000000 checks it once per statement): whatever writes, and however two transactions
 * overlap.
 */
let database: { url: string; drop(): Promise<void> };
const clients: pg.Client[] = [];
const connect = async () => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  clients.push(client);
  return client;
};
beforeAll(async () => {
  database = await ownParticipantsDatabase("status_history_reference");
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end()));
});
afterAll(async () => {
  await database.drop();
});

let serial = 0;
/** A participant without any status history: its id. */
async function participant(client: pg.Client): Promise<string> {
  serial += 1;
  const { rows } = await client.query(
    `INSERT INTO participant (regency_code, nik_hash, nik_encrypted, nik_masked, full_name, sex, birth_date, village_code,
       district_code, occupation, segment, programs, funding, monthly_contribution, enrolled_on, status)
     VALUES ('16.06', $1, '\\x00', '160601********01', 'Uji Coba', 'MALE', '1990-01-01', '16.06.01.2001', '16.06.01',
       'petani', 'NON_WAGE_EARNER', '{JKK,JKM}', 'APBD', 16800, '2024-01-01', 'ACTIVE')
     RETURNING id::text`,
    [`status-history-reference-${serial}`],
  );
  return rows[0].id;
}
const addHistory = (client: pg.Client, id: string) =>
  client.query(
    "INSERT INTO participant_status_history (participant_id, status, since) VALUES ($1, 'ACTIVE', '2024-01-01')",
    [id],
  );
const FOREIGN_KEY_VIOLATION = { code: "23503" };
const historyOf = async (client: pg.Client, id: string) =>
  (
    await client.query(
      "SELECT count(*)::int AS n FROM participant_status_history WHERE participant_id = $1",
      [id],
    )
  ).rows[0].n;
const exists = async (client: pg.Client, id: string) =>
  (await client.query("SELECT count(*)::int AS n FROM participant WHERE id = $1", [id])).rows[0].n === 1;

describe("the status history's reference to its participant", () => {
  it("refuses a history row naming no participant", async () => {
    const client = await connect();
    await expect(addHistory(client, "999999999")).rejects.toMatchObject(FOREIGN_KEY_VIOLATION);
  });

  it("refuses a history row changed to name no participant", async () => {
    const client = await connect();
    const id = await participant(client);
    await addHistory(client, id);
    await expect(
      client.query(
        "UPDATE participant_status_history SET participant_id = 999999999 WHERE participant_id = $1",
        [id],
      ),
    ).rejects.toMatchObject(FOREIGN_KEY_VIOLATION);
    expect(await historyOf(client, id)).toBe(1);
  });

  it("refuses deleting a participant that has a history, and allows it once the history is gone", async () => {
    const client = await connect();
    const id = await participant(client);
    await addHistory(client, id);
    await expect(client.query("DELETE FROM participant WHERE id = $1", [id])).rejects.toMatchObject(
      FOREIGN_KEY_VIOLATION,
    );
    expect(await exists(client, id)).toBe(true);
    await client.query("DELETE FROM participant_status_history WHERE participant_id = $1", [id]);
    await client.query("DELETE FROM participant WHERE id = $1", [id]);
    expect(await exists(client, id)).toBe(false);
  });

  it("refuses truncating the participants alone while a history remains, not both at once", async () => {
    const client = await connect();
    await addHistory(client, await participant(client));
    await client.query("BEGIN");
    try {
      await expect(client.query("TRUNCATE participant")).rejects.toMatchObject(FOREIGN_KEY_VIOLATION);
    } finally {
      await client.query("ROLLBACK");
    }
    await client.query("BEGIN");
    try {
      await client.query("TRUNCATE participant, participant_status_history");
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("refuses changing a participant's id", async () => {
    const client = await connect();
    const id = await participant(client);
    await addHistory(client, id);
    await expect(
      client.query("UPDATE participant SET id = id + 1000000 WHERE id = $1", [id]),
    ).rejects.toMatchObject(FOREIGN_KEY_VIOLATION);
  });

  it("refuses the later of a history insert and a delete of its participant overlapping, the insert first", async () => {
    const [writer, deleter] = [await connect(), await connect()];
    const id = await participant(writer);
    await writer.query("BEGIN");
    await addHistory(writer, id);
    await deleter.query("BEGIN");
    // The expectation is attached before the commit: the refusal may arrive before the commit's answer.
    const refused = expect(
      deleter.query("DELETE FROM participant WHERE id = $1", [id]),
    ).rejects.toMatchObject(FOREIGN_KEY_VIOLATION);
    // The delete waits for the history's transaction; once it commits, the delete sees its row.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writer.query("COMMIT");
    await refused;
    await deleter.query("ROLLBACK");
    expect(await exists(writer, id)).toBe(true);
    expect(await historyOf(writer, id)).toBe(1);
  });

  it("refuses the later of a history insert and a delete of its participant overlapping, the delete first", async () => {
    const [writer, deleter] = [await connect(), await connect()];
    const id = await participant(writer);
    await deleter.query("BEGIN");
    await deleter.query("DELETE FROM participant WHERE id = $1", [id]);
    await writer.query("BEGIN");
    const refused = expect(addHistory(writer, id)).rejects.toMatchObject(FOREIGN_KEY_VIOLATION);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await deleter.query("COMMIT");
    await refused;
    await writer.query("ROLLBACK");
    expect(await exists(writer, id)).toBe(false);
    expect(await historyOf(writer, id)).toBe(0);
  });

  it("lets no overlapping pair commit an orphan under REPEATABLE READ either", async () => {
    const [writer, deleter] = [await connect(), await connect()];
    const id = await participant(writer);
    await writer.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await writer.query("SELECT 1");
    await deleter.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await deleter.query("SELECT 1");
    await addHistory(writer, id);
    const refused = expect(
      deleter.query("DELETE FROM participant WHERE id = $1", [id]),
    ).rejects.toMatchObject({ code: "40001" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writer.query("COMMIT");
    await refused;
    await deleter.query("ROLLBACK");
    expect(await exists(writer, id)).toBe(true);
  });

  it("leaves no history row without its participant in the whole registry", async () => {
    const client = await connect();
    const { rows } = await client.query(
      "SELECT count(*)::int AS orphans FROM participant_status_history h WHERE NOT EXISTS (SELECT FROM participant p WHERE p.id = h.participant_id)",
    );
    expect(rows[0].orphans).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack({ ownParticipantsDatabase: "audit", ownAwardsDatabase: "audit" });

describe("the audit log", () => {
  it("has a row for a recorded coverage report, with the operator's subject, the record and where from", async () => {
    const { recordCoverageReport } = await data(
      stack.gateway.url,
      `mutation { recordCoverageReport(input: { regencyCode: "16.06", asOf: "2025-06-30", activeParticipants: 99000, source: { publisher: "Test", title: "Audit" } }) { id } }`,
      {},
      await bearer("operator", ["16.06"], "siti@disnaker.muba"),
    );
    const { participantsAuditLog } = await data(
      stack.gateway.url,
      `{ participantsAuditLog(subject: "siti@disnaker.muba") { subject role action entity recordIds clientIp userAgent at } }`,
      {},
      await bearer("admin"),
    );
    expect(participantsAuditLog).toEqual([
      expect.objectContaining({
        subject: "siti@disnaker.muba",
        role: "operator",
        action: "recordCoverageReport",
        entity: "CoverageReport",
        recordIds: [recordCoverageReport.id],
        clientIp: expect.stringMatching(/127\.0\.0\.1/),
      }),
    ]);
  });

  it("has a row for every award write, with the admin's subject", async () => {
    const admin = await bearer("admin", [], "admin@bpjs");
    await data(
      stack.gateway.url,
      `mutation { createAwardCategory(input: { code: "AUDIT_TEST", name: "Uji", nameEn: "Test", nomineeKind: PROVINCE_GOVERNMENT }) { code } }`,
      {},
      admin,
    );
    const { nominate } = await data(
      stack.gateway.url,
      `mutation { nominate(input: { editionId: "paritrana-2024-sumsel", categoryCode: "REGENCY_CITY_GOVERNMENT", nominee: { regencyCode: "16.10" }, source: { publisher: "Test", title: "Audit" } }) { id } }`,
      {},
      admin,
    );
    await data(
      stack.gateway.url,
      `mutation($id: ID!) { recordAwardResult(input: { nominationId: $id, rank: 2, title: "Juara II", source: { publisher: "Test", title: "Audit" } }) { rank } }`,
      { id: nominate.id },
      admin,
    );
    const { awardsAuditLog } = await data(
      stack.gateway.url,
      `{ awardsAuditLog(subject: "admin@bpjs") { action recordIds } }`,
      {},
      admin,
    );
    expect(awardsAuditLog).toEqual([
      { action: "recordAwardResult", recordIds: [nominate.id] },
      { action: "nominate", recordIds: [nominate.id] },
      { action: "createAwardCategory", recordIds: ["AUDIT_TEST"] },
    ]);
  });

  it("has no row for a refused write", async () => {
    const { participantsAuditLog: before } = await data(
      stack.gateway.url,
      `{ participantsAuditLog { id } }`,
      {},
      await bearer("admin"),
    );
    await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await bearer("operator", ["16.10"])) },
      body: JSON.stringify({
        query: `mutation { recordCoverageReport(input: { regencyCode: "16.06", asOf: "2025-06-30", activeParticipants: 1, source: { publisher: "x", title: "y" } }) { id } }`,
      }),
    });
    const { participantsAuditLog: after } = await data(
      stack.gateway.url,
      `{ participantsAuditLog { id } }`,
      {},
      await bearer("admin"),
    );
    expect(after).toEqual(before);
  });

  it("cannot be rewritten or erased, not even by the service's own connection", async () => {
    const db = stack.subgraphs.participants.dataSource;
    await expect(db.query(`UPDATE audit_log SET subject = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});

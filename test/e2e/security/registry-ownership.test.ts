import { beforeAll, describe, expect, it } from "vitest";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "@cakupan/participants";
import { bearer } from "../../support/auth";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/**
 * An operator enrols and updates only the participants of its own regencies. A NIK registered in another
 * regency is refused for that row, without naming the regency or the person; moving a participant between
 * regencies is an admin's explicit, audited transfer.
 */
const stack = useTestStack({ ownParticipantsDatabase: "ownership" });

const IMPORT = `mutation($regency: ID!, $csv: String!, $dryRun: Boolean!) {
  importParticipants(regencyCode: $regency, csv: $csv, dryRun: $dryRun) {
    rows valid stored inserted updated unchanged problems { line column rule message } warnings { line column message } } }`;
const PERSON = `query($nik: String!) { participant(nik: $nik) { nik fullName birthDate regency { code } village { code }
  statusHistory { status since } } }`;
const TRANSFER = `mutation($nik: String!, $village: ID!, $reason: String!) {
  transferParticipant(nik: $nik, villageCode: $village, reason: $reason) { nikMasked regency { code } village { code } } }`;

const fileOf = (rows: string[][]) => [SYNTHETIC_HEADER.join(","), ...rows.map(csvLine)].join("\n");
const operatorOf = (regency: string) => bearer("operator", [regency], `operator-${regency}`);
const importAs = async (regency: string, rows: string[][], dryRun = false) =>
  (await data(stack.gateway.url, IMPORT, { regency, csv: fileOf(rows), dryRun }, await operatorOf(regency)))
    .importParticipants;
const personAs = async (headers: Record<string, string>, nik: string) =>
  (await data(stack.gateway.url, PERSON, { nik }, headers)).participant;

/** A person of 16.06, and the same NIK as a 16.10 file would list them: another name, a 16.10 village. */
const [original] = [...syntheticRows("16.06", 1, 101)];
const [elsewhere] = [...syntheticRows("16.10", 1, 102)];
const sameNikFrom1610 = [original[0], "Nama Lain", original[2], original[3], ...elsewhere.slice(4)];
const [newcomer] = [...syntheticRows("16.10", 1, 103)];

describe("registry ownership", () => {
  beforeAll(async () => {
    expect(await importAs("16.06", [original])).toMatchObject({ stored: true, inserted: 1 });
  });

  it("refuses a NIK registered in another regency for that row, naming neither the regency nor the person", async () => {
    const report = await importAs("16.10", [newcomer, sameNikFrom1610]);
    expect(report).toMatchObject({ stored: false, inserted: 0, updated: 0, unchanged: 0 });
    expect(report.problems).toEqual([
      {
        line: 3,
        column: "nik",
        rule: "NIK_REGISTERED_ELSEWHERE",
        message: "This NIK cannot be enrolled from 16.10: ask an administrator to transfer it.",
      },
    ]);
    // The NIK itself says where it was issued (the warning repeats that); nothing says where it is registered.
    expect(JSON.stringify(report.problems)).not.toContain("16.06");
    const text = JSON.stringify(report);
    for (const secret of [original[1], original[3], "registered in"]) expect(text).not.toContain(secret);
  });

  it("leaves the person with their regency: the 16.06 operator still reads them, the 16.10 operator does not", async () => {
    await importAs("16.10", [sameNikFrom1610]);
    expect(await personAs(await operatorOf("16.06"), original[0])).toMatchObject({
      fullName: original[1],
      regency: { code: "16.06" },
    });
    expect(await personAs(await operatorOf("16.10"), original[0])).toBeNull();
  });

  it("says the same in a dry run, so a check predicts the import", async () => {
    const report = await importAs("16.10", [sameNikFrom1610], true);
    expect(report.problems.map((p: { rule: string }) => p.rule)).toEqual(["NIK_REGISTERED_ELSEWHERE"]);
  });

  it("still lets an operator update its own regency's participants", async () => {
    const renamed = [original[0], "Nama Baru", ...original.slice(2)];
    expect(await importAs("16.06", [renamed])).toMatchObject({ stored: true, inserted: 0, updated: 1 });
  });
});

describe("transferring a participant between regencies", () => {
  const [person] = [...syntheticRows("16.06", 1, 201)];
  const village1610 = elsewhere[4];
  beforeAll(async () => {
    expect(await importAs("16.06", [person])).toMatchObject({ stored: true, inserted: 1 });
  });

  it("is refused to operators, even of both regencies", async () => {
    const result = await graphql(
      stack.gateway.url,
      TRANSFER,
      { nik: person[0], village: village1610, reason: "pindah domisili" },
      await bearer("operator", ["16.06", "16.10"]),
    );
    expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await personAs(await operatorOf("16.06"), person[0])).toMatchObject({
      regency: { code: "16.06" },
    });
  });

  it("moves the participant for an admin, keeping the status history, and is audited with the reason", async () => {
    const admin = await bearer("admin", [], "admin-transfer");
    const before = await personAs(admin, person[0]);
    const { transferParticipant } = await data(
      stack.gateway.url,
      TRANSFER,
      { nik: person[0], village: village1610, reason: "pindah domisili" },
      admin,
    );
    expect(transferParticipant).toMatchObject({ regency: { code: "16.10" }, village: { code: village1610 } });
    expect(await personAs(await operatorOf("16.10"), person[0])).toMatchObject({
      fullName: person[1],
      statusHistory: before.statusHistory,
    });
    expect(await personAs(await operatorOf("16.06"), person[0])).toBeNull();
    const [entry] = await stack.subgraphs.participants.dataSource.query(
      "SELECT details FROM audit_log WHERE subject = 'admin-transfer' AND action = 'transferParticipant'",
    );
    expect(entry.details).toMatchObject({
      fromRegencyCode: "16.06",
      toRegencyCode: "16.10",
      toVillageCode: village1610,
      reason: "pindah domisili",
    });
  });

  it("refuses a village of an unknown code, with the format to use", async () => {
    const result = await graphql(
      stack.gateway.url,
      TRANSFER,
      { nik: person[0], village: "16.10", reason: "x" },
      await bearer("admin"),
    );
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining("16.06.01.2001"),
    });
  });
});

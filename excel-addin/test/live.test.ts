import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../test/support/graphql";
import { useTestStack } from "../../test/support/servers";
import { bearer } from "../../test/support/auth";
import { installStubRuntime, StubStreamingInvocation } from "./stub-runtime";

installStubRuntime();
const { FUNCTIONS, liveHub, useJsk } = await import("../src/functions/functions");
const { Jsk } = await import("../src/functions/jsk");

const stack = useTestStack({ ownParticipantsDatabase: "excel_live" });
let streamRequests = 0;

beforeAll(() => {
  const countingFetch: typeof fetch = (input, init) => {
    if (String(input).endsWith("/live/coverage")) streamRequests += 1;
    return fetch(input, init);
  };
  useJsk(new Jsk(() => ({ url: stack.gateway.url, fetch: countingFetch })));
});
afterAll(() => liveHub().close());

const record = async (regencyCode: string, activeParticipants: number, asOf: string) =>
  data(
    stack.gateway.url,
    `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`,
    {
      input: {
        regencyCode,
        asOf,
        activeParticipants,
        source: { publisher: "BPJS Ketenagakerjaan", title: `Laporan ${regencyCode} ${asOf}` },
      },
    },
    await bearer("operator", [regencyCode]),
  );

describe("JSK.LIVE", () => {
  it("shows the figure, then the new one as soon as a report is recorded, over one shared stream", async () => {
    const cells = Array.from({ length: 20 }, () => new StubStreamingInvocation<number>());
    cells.forEach((cell, i) => FUNCTIONS.LIVE(i % 2 ? "Muba" : "16.06", "active", cell as never));
    for (const cell of cells) expect(await cell.next((v) => v === 103079)).toBe(103079);
    expect(streamRequests).toBe(1);

    const recordedAt = Date.now();
    await record("16.06", 104500, "2025-08-31");
    for (const cell of cells) expect(await cell.next((v) => v === 104500, 5000)).toBe(104500);
    const delayMs = Date.now() - recordedAt;
    console.log(`JSK.LIVE delay from recordCoverageReport to 20 cells updated: ${delayMs} ms`);
    expect(streamRequests).toBe(1);
    for (const cell of cells) cell.cancel();
  });

  it("updates only the cells of the regency that changed", async () => {
    const muba = new StubStreamingInvocation<number>();
    const oganIlir = new StubStreamingInvocation<number>();
    FUNCTIONS.LIVE("Muba", "active", muba as never);
    FUNCTIONS.LIVE("Ogan Ilir", "active", oganIlir as never);
    await muba.next();
    await oganIlir.next();
    await record("16.10", 36000, "2025-08-31");
    expect(await oganIlir.next((v) => v === 36000, 5000)).toBe(36000);
    expect(muba.results.filter((v) => v !== muba.results[0])).toEqual([]);
    muba.cancel();
    oganIlir.cancel();
  });

  it("stops cleanly when its cells are cancelled: no subscription and no stream remain", async () => {
    const cell = new StubStreamingInvocation<number>();
    FUNCTIONS.LIVE("Muba", "rate", cell as never);
    await cell.next();
    expect(liveHub().size).toBe(1);
    cell.cancel();
    expect(liveHub().size).toBe(0);
    const before = cell.results.length;
    await record("16.06", 105000, "2025-09-30");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cell.results.length).toBe(before);
  });

  it("keeps updating after PostgreSQL drops the connection the events come from", async () => {
    const cell = new StubStreamingInvocation<number>();
    FUNCTIONS.LIVE("Ogan Ilir", "active", cell as never);
    await cell.next();
    await stack.subgraphs.participants.dataSource.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cakupan-participants-events' AND datname = current_database()",
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await record("16.10", 37123, "2025-09-30");
    expect(await cell.next((v) => v === 37123, 5000)).toBe(37123);
    cell.cancel();
  });

  it("shows #VALUE! for an unknown metric and #N/A for an unknown region", async () => {
    const badMetric = new StubStreamingInvocation<number>();
    FUNCTIONS.LIVE("Muba", "colour", badMetric as never);
    expect(await badMetric.next()).toMatchObject({ code: "#VALUE!" });
    const badRegion = new StubStreamingInvocation<number>();
    FUNCTIONS.LIVE("Atlantis", "rate", badRegion as never);
    expect(await badRegion.next()).toMatchObject({
      code: "#N/A",
      message: expect.stringContaining('Unknown region "Atlantis"'),
    });
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { useTestStack } from "../../test/support/servers";
import { bearer } from "../../test/support/auth";
import { installStubRuntime, StubCustomFunctionError } from "./stub-runtime";

installStubRuntime();
const { FUNCTIONS, useJsk } = await import("../src/functions/functions");
const { Jsk } = await import("../src/functions/jsk");

const stack = useTestStack();
const requests: string[] = [];

/** A fetch that records every GraphQL request the add-in sends. */
const countingFetch: typeof fetch = async (input, init) => {
  requests.push(String(init?.body ?? ""));
  return fetch(input, init);
};

let plannerToken: string;
beforeEach(async () => {
  plannerToken ??= (await bearer("planner")).authorization.replace("Bearer ", "");
  useJsk(new Jsk(() => ({ url: stack.gateway.url, fetch: countingFetch, token: plannerToken })));
  requests.length = 0;
});

async function errorOf(promise: Promise<unknown>): Promise<StubCustomFunctionError> {
  try {
    await promise;
  } catch (error) {
    return error as StubCustomFunctionError;
  }
  throw new Error("expected the cell to show an error");
}

describe("recalculating many JSK cells", () => {
  it("asks the gateway at most twice for 1,000 cells: the region directory once, every figure in one batch", async () => {
    const { data } = await (
      await fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ regencies { code name } }" }),
      })
    ).json();
    const regions: string[] = data.regencies
      .flatMap((r: { code: string; name: string }) => [r.code, r.name])
      .slice(0, 1000);
    expect(regions).toHaveLength(1000);
    const cells = regions.map((region) => FUNCTIONS.COVERAGE(region, "2025-07-31"));
    const settled = await Promise.allSettled(cells);
    expect(requests.length).toBeLessThanOrEqual(2);
    const muba = settled[regions.indexOf("16.06")];
    expect(muba.status, String((muba as PromiseRejectedResult).reason?.message)).toBe("fulfilled");
    expect((muba as PromiseFulfilledResult<number>).value).toBeCloseTo(0.4826, 4);
    const unreported = settled[regions.indexOf("11.01")] as PromiseRejectedResult;
    expect(unreported.reason).toMatchObject({ code: "#N/A" });
    expect(unreported.reason.message).toContain("No coverage report for Kabupaten Aceh Selatan (11.01)");
  });

  it("asks once for a figure many cells show, whether by code, name or alias", async () => {
    const values = await Promise.all(
      ["Muba", "muba", "16.06", "Musi Banyuasin", "Kabupaten Musi Banyuasin"].map((r) =>
        FUNCTIONS.PARTICIPANTS(r, "2025-07-31"),
      ),
    );
    expect(values).toEqual([103079, 103079, 103079, 103079, 103079]);
    const batch = requests.at(-1)!;
    expect(batch.match(/a\d+: regency/g)).toHaveLength(1);
  });

  it("reads a region typed as a number, 16.1 being 16.10", async () => {
    expect(await FUNCTIONS.PARTICIPANTS(16.1, "2023-12-31")).toBe(35000);
  });
});

describe("the JSK functions", () => {
  it("COVERAGE, WORKFORCE, TARGET and GAP answer Musi Banyuasin's figures", async () => {
    const [rate, workforce, target, gap] = await Promise.all([
      FUNCTIONS.COVERAGE("Muba", "2025-07-31"),
      FUNCTIONS.WORKFORCE("Muba", 2025),
      FUNCTIONS.TARGET("Muba", 2025),
      FUNCTIONS.GAP("Muba", 2025),
    ]);
    expect(rate).toBeCloseTo(103079 / 213582, 10);
    expect([workforce, target, gap]).toEqual([213582, 0.5215, 8305]);
  });

  it("PROJECTION answers the rate expected at the end of the year at the observed pace", async () => {
    // 103,079 + 5 x (103,079 - 88,958) / 7 = 113,165 (rounded) of 213,582 at 31 December 2025.
    expect(await FUNCTIONS.PROJECTION("Muba", 2025)).toBeCloseTo(113165 / 213582, 10);
  });

  it("PROJECTION shows #N/A with the reason when there are fewer than two comparable reports", async () => {
    const error = await errorOf(FUNCTIONS.PROJECTION("16.06", 2024));
    expect(error).toMatchObject({ code: "#N/A" });
    expect(error.message).toContain("Only one comparable report");
  });

  it("GAPCOST answers the Rupiah to close the gap for the months left, at the minimum or a given contribution", async () => {
    // 8,305 persons x Rp16.800 x 5 months (August to December 2025).
    expect(await FUNCTIONS.GAPCOST("Muba", 2025)).toBe(8305 * 16800 * 5);
    expect(await FUNCTIONS.GAPCOST("16.06", 2025, "Rp20.000")).toBe(8305 * 20000 * 5);
  });

  it("GAPCOST shows #VALUE! for a contribution below the minimum, naming the rule", async () => {
    const error = await errorOf(FUNCTIONS.GAPCOST("16.06", 2025, 10000));
    expect(error).toMatchObject({ code: "#VALUE!" });
    expect(error.message).toContain("MINIMUM_BPU_CONTRIBUTION");
  });

  it("COVERAGE takes an Excel date serial as asOf", async () => {
    // 45657 is 2024-12-31
    expect(await FUNCTIONS.COVERAGE("16.06", 45657)).toBeCloseTo(88958 / 213582, 10);
  });

  it("PARTICIPANTS gives a segment or group of the report", async () => {
    expect(await FUNCTIONS.PARTICIPANTS("Ogan Ilir", "2023-12-31", "perangkat desa")).toBe(3716);
    expect(await FUNCTIONS.PARTICIPANTS("OI", "2023-12-31", "NON-ASN")).toBe(1328);
  });

  it("TABLE spills a header and one row per regency of a province", async () => {
    const table = await FUNCTIONS.TABLE("Sumatera Selatan", "code,name,active,rate", "2025-07-31");
    expect(table[0]).toEqual(["code", "name", "active", "rate"]);
    expect(table).toHaveLength(18);
    const muba = table.find((row) => row[0] === "16.06")!;
    expect(muba[2]).toBe(103079);
    expect(muba[3]).toBeCloseTo(0.4826, 4);
    expect(table.find((row) => row[0] === "16.01")).toEqual(["16.01", "Kabupaten Ogan Komering Ulu", "", ""]);
  });

  it("TABLE marks an estimate, a stale report and an inference, as the CSV does", async () => {
    const table = await FUNCTIONS.TABLE(
      "16",
      "code,active,figureStatus,measure,ageMonths,stale,inferred,status",
      "2025-07-31",
    );
    expect(table.find((row) => row[0] === "16.10")).toEqual([
      "16.10",
      35000,
      "ESTIMATE",
      "ACTIVE",
      21,
      "stale",
      "inferred",
      "",
    ]);
    expect(table.find((row) => row[0] === "16.06")).toEqual([
      "16.06",
      103079,
      "REPORTED",
      "REGISTERED",
      0,
      "",
      "",
      "ON_TRACK",
    ]);
  });

  it("TABLE gives the target of the question date's year: none for 2026", async () => {
    const table = await FUNCTIONS.TABLE("16.06", "code,target,gap,status,stale", "2026-11-30");
    expect(table[1]).toEqual(["16.06", "", "", "", "stale"]);
  });

  it("TABLE takes a range of regions in any form", async () => {
    const table = await FUNCTIONS.TABLE([["Muba"], ["16.10"]], [["code", "active"]], "2025-07-31");
    expect(table).toEqual([
      ["code", "active"],
      ["16.06", 103079],
      ["16.10", 35000],
    ]);
  });

  it("HISTORY spills the reports oldest first, AWARDS the placings", async () => {
    const history = await FUNCTIONS.HISTORY("Muba", "2024-06-01");
    expect(history.map((row) => row[0])).toEqual(["asOf", "2024-12-31", "2025-07-31"]);
    const awards = await FUNCTIONS.AWARDS("Muba");
    expect(awards[1]).toEqual([
      "Paritrana Award 2023, Provinsi Sumatera Selatan",
      "PROVINCIAL",
      "Pemerintah Kabupaten/Kota",
      1,
      "Juara I",
      "ANTARA",
    ]);
  });
});

describe("errors a planner can act on", () => {
  it("an unknown region is #N/A saying what a region looks like", async () => {
    const error = await errorOf(FUNCTIONS.COVERAGE("xyz"));
    expect(error.code).toBe("#N/A");
    expect(error.message).toBe(
      'Unknown region "xyz": give a Kemendagri code like 16.06 (or 1606), a name like "Kabupaten Musi Banyuasin" or "Kota Malang", or an alias like "Muba".',
    );
  });

  it("TARGET of a year without a target is #N/A naming the last known, never a later year's", async () => {
    const error = await errorOf(FUNCTIONS.TARGET("Muba", 2026));
    expect(error).toMatchObject({ code: "#N/A" });
    expect(error.message).toContain(
      "No coverage target for Kabupaten Musi Banyuasin (16.06) in 2026; the last known is 52.15% for 2025",
    );
    expect((await errorOf(FUNCTIONS.TARGET("Muba", 2024))).message).toContain(
      "the next known is 52.15% for 2025",
    );
  });

  it("a malformed date is #VALUE! with the reason", async () => {
    const error = await errorOf(FUNCTIONS.COVERAGE("Muba", "31/07/2025"));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain('asOf "31/07/2025" is not a date');
  });

  it("an unknown segment or field is #VALUE! listing the accepted ones", async () => {
    expect(await errorOf(FUNCTIONS.PARTICIPANTS("Muba", undefined, "farmers"))).toMatchObject({
      code: "#VALUE!",
    });
    const error = await errorOf(FUNCTIONS.TABLE("16", "code,colour"));
    expect(error).toMatchObject({ code: "#VALUE!" });
    expect(error.message).toContain("Unknown field(s) colour");
  });

  it("a breakdown without a token in the task pane is #N/A saying to sign in", async () => {
    useJsk(new Jsk(() => ({ url: stack.gateway.url })));
    const error = await errorOf(FUNCTIONS.PARTICIPANTS("OI", "2023-12-31", "NON-ASN"));
    expect(error.code).toBe("#N/A");
    expect(error.message).toContain("needs a signed-in user");
    expect(await FUNCTIONS.PARTICIPANTS("OI", "2023-12-31")).toBe(35000);
  });

  it("an unreachable gateway is #N/A naming its URL", async () => {
    useJsk(new Jsk(() => ({ url: "http://127.0.0.1:9/graphql" })));
    const error = await errorOf(FUNCTIONS.COVERAGE("Muba"));
    expect(error.code).toBe("#N/A");
    expect(error.message).toContain("Gateway http://127.0.0.1:9/graphql unreachable");
  });

  it("a failure in one lookup of a batch marks only its own cells", async () => {
    const [good, bad] = await Promise.allSettled([
      FUNCTIONS.COVERAGE("Muba", "2025-07-31"),
      FUNCTIONS.HISTORY("Muba", "2025-01-01", "2024-01-01"),
    ]);
    expect(requests.length).toBe(2);
    expect(good.status).toBe("fulfilled");
    expect((bad as PromiseRejectedResult).reason).toMatchObject({ code: "#VALUE!" });
  });
});

describe("percentages in Excel", () => {
  const withHost = async <T>(supported: boolean, work: () => Promise<T>): Promise<T> => {
    (globalThis as any).Office = {
      context: {
        requirements: {
          isSetSupported: (set: string, version: string) =>
            supported && set === "ExcelApi" && version === "1.16",
        },
      },
    };
    try {
      return await work();
    } finally {
      delete (globalThis as any).Office;
    }
  };

  it("COVERAGE and TARGET answer numbers formatted as percentages where the host has formatted-number values", async () => {
    const [rate, target] = await withHost(true, () =>
      Promise.all([FUNCTIONS.COVERAGE("Muba", "2025-07-31"), FUNCTIONS.TARGET("Muba", 2025)]),
    );
    expect(rate).toEqual({ type: "FormattedNumber", basicValue: 103079 / 213582, numberFormat: "0.00%" });
    expect(target).toEqual({ type: "FormattedNumber", basicValue: 0.5215, numberFormat: "0.00%" });
  });

  it("answers the plain fraction to a host without them (ExcelApi before 1.16)", async () => {
    expect(await withHost(false, () => FUNCTIONS.COVERAGE("Muba", "2025-07-31"))).toBeCloseTo(0.4826, 4);
  });

  it("keeps persons as plain numbers", async () => {
    expect(await withHost(true, () => FUNCTIONS.PARTICIPANTS("Muba", "2025-07-31"))).toBe(103079);
  });
});

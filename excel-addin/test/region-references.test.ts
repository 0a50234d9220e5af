import { describe, expect, it } from "vitest";
import { useTestStack } from "../../test/support/servers";
import { installStubRuntime, type StubCustomFunctionError } from "./stub-runtime";

installStubRuntime();
const { FUNCTIONS, useJsk } = await import("../src/functions/functions");
const { Jsk } = await import("../src/functions/jsk");

const stack = useTestStack();

const MALANG =
  '"Malang" is ambiguous: Kabupaten Malang (35.07) or Kota Malang (35.73). Write the full name or the code.';

async function errorOf(promise: Promise<unknown>): Promise<StubCustomFunctionError> {
  try {
    await promise;
  } catch (error) {
    return error as StubCustomFunctionError;
  }
  throw new Error("expected the cell to show an error");
}

describe("region references in the JSK functions, read by the one resolver", () => {
  it("REGION answers the code and official name a reference reads as", async () => {
    useJsk(new Jsk(() => ({ url: stack.gateway.url })));
    expect(await FUNCTIONS.REGION("1606")).toEqual([["16.06", "Kabupaten Musi Banyuasin"]]);
    expect(await FUNCTIONS.REGION("Kodya Malang")).toEqual([["35.73", "Kota Malang"]]);
    expect(await FUNCTIONS.REGION("BPS 7325")).toEqual([["73.24", "Kabupaten Luwu Timur"]]);
  });

  it('WORKFORCE("Malang") is #N/A naming both candidates, never a guess', async () => {
    useJsk(new Jsk(() => ({ url: stack.gateway.url })));
    const error = await errorOf(FUNCTIONS.WORKFORCE("Malang", 2025));
    expect(error.code).toBe("#N/A");
    expect(error.message).toBe(MALANG);
  });

  it("names the region it read, with its code, in a message", async () => {
    useJsk(new Jsk(() => ({ url: stack.gateway.url })));
    const error = await errorOf(FUNCTIONS.WORKFORCE("Kota Malang", 2025));
    expect(error.message).toBe("No workforce estimate for Kota Malang (35.73) for 2025.");
  });
});

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptNik, hashNik } from "../../src/registry/nik-crypto";
import { NikCryptoWorker } from "../../src/registry/nik-crypto-worker";

const keys = { encryption: randomBytes(32), hash: randomBytes(32) };
const niks = ["1606116201842406", "1606082004011434", "1606082004011434"];
let worker: NikCryptoWorker;
beforeAll(() => {
  worker = NikCryptoWorker.start(keys);
});
afterAll(() => worker.close());

describe("the NIK crypto worker", () => {
  it("hashes each NIK as hashNik does, at its NIK's index", async () => {
    const { hashes } = await worker.run(niks, false);
    expect(hashes).toEqual(niks.map((nik) => hashNik(nik, keys)));
  });

  it("encrypts each NIK as the registry stores it: decryptNik reads it back", async () => {
    const { encrypted } = await worker.run(niks, true);
    expect(encrypted!.map((hex) => decryptNik(Buffer.from(hex, "hex"), keys))).toEqual(niks);
  });

  it("never repeats an IV, even for the same NIK twice", async () => {
    const { encrypted } = await worker.run(niks, true);
    const ivs = encrypted!.map((hex) => hex.slice(0, 24));
    expect(new Set(ivs).size).toBe(ivs.length);
  });

  it("encrypts nothing when not asked to", async () => {
    expect((await worker.run(niks, false)).encrypted).toBeNull();
  });

  it("refuses work once closed", async () => {
    const closed = NikCryptoWorker.start(keys);
    await closed.close();
    await expect(closed.run(niks, true)).rejects.toThrow(/closed/);
  });
});

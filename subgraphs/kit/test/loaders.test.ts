import { describe, expect, it } from "vitest";
import { loaderByKey, loaderOfMany } from "../src/loaders";

describe("batched loaders", () => {
  it("fetches all keys of one tick in one call and answers each in the order asked, null when missing", async () => {
    const calls: (readonly string[])[] = [];
    const loader = loaderByKey(
      async (keys: readonly string[]) => {
        calls.push(keys);
        return keys
          .filter((k) => k !== "x")
          .reverse()
          .map((code) => ({ code }));
      },
      (row) => row.code,
    );
    const rows = await Promise.all(["a", "x", "b"].map((k) => loader.load(k)));
    expect(rows).toEqual([{ code: "a" }, null, { code: "b" }]);
    expect(calls).toEqual([["a", "x", "b"]]);
  });

  it("groups one-to-many rows by key, with an empty list for a key that has none", async () => {
    const loader = loaderOfMany(
      async () => [
        { parent: "a", n: 1 },
        { parent: "a", n: 2 },
        { parent: "b", n: 3 },
      ],
      (row) => row.parent,
    );
    expect(await loader.loadMany(["a", "c", "b"])).toEqual([
      [
        { parent: "a", n: 1 },
        { parent: "a", n: 2 },
      ],
      [],
      [{ parent: "b", n: 3 }],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { memoryCacheStore } from "@cakupan/gateway";

describe("the in-process cache store", () => {
  it("answers what was kept under a key", async () => {
    const store = memoryCacheStore();
    await store.set("a", "answer");
    expect(await store.get("a")).toBe("answer");
    expect(await store.get("b")).toBeUndefined();
  });

  it("evicts the least recently used entry beyond its entry limit", async () => {
    const store = memoryCacheStore({ maxEntries: 2 });
    await store.set("a", "1");
    await store.set("b", "2");
    await store.get("a");
    await store.set("c", "3");
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("a")).toBe("1");
    expect(store.size()).toBe(2);
  });

  it("does not keep one answer larger than an eighth of its size limit", async () => {
    const store = memoryCacheStore({ maxBytes: 80 });
    await store.set("big", "x".repeat(11));
    expect(await store.get("big")).toBeUndefined();
  });

  it("counts a replaced entry once against its size limit", async () => {
    const store = memoryCacheStore({ maxBytes: 80 });
    for (let round = 0; round < 20; round++) await store.set("same", "x".repeat(10));
    await store.set("other", "y".repeat(10));
    expect(await store.get("other")).toBe("y".repeat(10));
    expect(await store.get("same")).toBe("x".repeat(10));
  });
});

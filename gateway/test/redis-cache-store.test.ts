import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisCacheStore } from "@cakupan/gateway";
import { redisServerBinary, startTestRedis, type TestRedis } from "../../test/support/redis";

describe.skipIf(!redisServerBinary())("the Redis cache store (needs redis-server installed)", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());

  it("answers an entry kept by another store on the same Redis, as another gateway replica would", async () => {
    const first = redisCacheStore({ url: redis.url });
    const second = redisCacheStore({ url: redis.url });
    await first.set("shared", "answer");
    expect(await second.get("shared")).toBe("answer");
    expect(await second.get("unknown")).toBeUndefined();
    await Promise.all([first.close?.(), second.close?.()]);
  });

  it("gives every entry a time to live, under its own key prefix", async () => {
    const store = redisCacheStore({ url: redis.url, ttlSeconds: 120, keyPrefix: "test:ttl:" });
    await store.set("k", "v");
    const raw = new Redis(redis.url);
    const ttl = await raw.ttl("test:ttl:k");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);
    await raw.quit();
    await store.close?.();
  });

  it("does not keep an answer larger than its entry limit", async () => {
    const store = redisCacheStore({ url: redis.url, maxEntryBytes: 10 });
    await store.set("big", "x".repeat(11));
    expect(await store.get("big")).toBeUndefined();
    await store.close?.();
  });

  it("answers a miss, never an error, when Redis is down, and tells why", async () => {
    const down = await startTestRedis();
    const states: string[] = [];
    const store = redisCacheStore({ url: down.url, onStateChange: (state) => states.push(state) });
    await store.set("k", "v");
    expect(await store.get("k")).toBe("v");
    await down.stop();
    expect(await store.get("k")).toBeUndefined();
    await expect(store.set("k", "w")).resolves.toBeUndefined();
    await expect.poll(() => states).toContain("failing");
    await store.close?.();
  });
});

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeJwt, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { TEST_AUTH_SECRET } from "../../support/auth";
import { graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/** A bearer token must say when it ends, and end within the gateway's maximum lifetime (12 h by default). */
const stack = useTestStack();

const QUERY = "{ provinces { code } }";
const now = () => Math.floor(Date.now() / 1000);
const sign = (build: (jwt: SignJWT) => SignJWT) =>
  build(new SignJWT({ role: "planner" }).setProtectedHeader({ alg: "HS256" }).setSubject("someone")).sign(
    new TextEncoder().encode(TEST_AUTH_SECRET),
  );
const withToken = (token: string) =>
  graphql(stack.gateway.url, QUERY, undefined, { authorization: `Bearer ${token}` });

describe("bearer tokens", () => {
  it("without exp are refused, saying a token must expire", async () => {
    const result = await withToken(await sign((jwt) => jwt.setIssuedAt()));
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining("exp"),
    });
    expect(result.data ?? null).toBeNull();
  });

  it("living longer than 12 hours are refused, naming the maximum", async () => {
    const result = await withToken(
      await sign((jwt) => jwt.setIssuedAt().setExpirationTime(now() + 30 * 86_400)),
    );
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining("12 h"),
    });
  });

  it("without iat are measured from now: an exp 30 days ahead is refused", async () => {
    const result = await withToken(await sign((jwt) => jwt.setExpirationTime(now() + 30 * 86_400)));
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("within the maximum are accepted", async () => {
    const result = await withToken(await sign((jwt) => jwt.setIssuedAt().setExpirationTime("11h")));
    expect(result.errors).toBeUndefined();
  });
});

describe("npm run token", () => {
  const run = promisify(execFile);
  const token = (...args: string[]) =>
    run(process.execPath, [join(__dirname, "..", "..", "..", "launcher", "dist", "token.js"), ...args], {
      env: { ...process.env, AUTH_JWT_SECRET: TEST_AUTH_SECRET },
    });

  it("mints a token that expires within the maximum lifetime", async () => {
    const { stdout } = await token("--role", "planner");
    const claims = decodeJwt(stdout.trim());
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(12 * 3600);
    expect((await withToken(stdout.trim())).errors).toBeUndefined();
  });

  it("refuses a --ttl beyond the maximum, saying what is allowed", async () => {
    await expect(token("--role", "planner", "--ttl", "30d")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("12 h"),
    });
  });
});

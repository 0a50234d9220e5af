import { IDENTITY_HEADER, signIdentity } from "@cakupan/core";
import { describe, expect, it } from "vitest";
import { forwardedIdentities } from "../src/forwarded-identity";

const SECRET = "a-secret-of-the-tests-that-is-long-enough";
const planner = {
  subject: "planner-1",
  role: "planner" as const,
  regencies: [],
  client: { ip: "10.0.0.1", userAgent: "excel" },
};

describe("the identity a subgraph reads from the gateway's forwarded token", () => {
  it("is the signed identity, on the first request and on every one after with the same token", async () => {
    const identityOf = forwardedIdentities(SECRET);
    const headers = { [IDENTITY_HEADER]: await signIdentity(planner, SECRET) };
    expect(await identityOf(headers)).toEqual(planner);
    expect(await identityOf(headers)).toEqual(planner);
  });

  it("is anonymous without the header", async () => {
    expect((await forwardedIdentities(SECRET)({})).role).toBe("anonymous");
  });

  it("refuses a token signed with another secret, each time it is sent", async () => {
    const identityOf = forwardedIdentities(SECRET);
    const headers = {
      [IDENTITY_HEADER]: await signIdentity(planner, "another-secret-that-is-long-enough-too"),
    };
    await expect(identityOf(headers)).rejects.toThrow(/does not verify/);
    await expect(identityOf(headers)).rejects.toThrow(/does not verify/);
  });

  it("refuses a token that has expired", async () => {
    const headers = { [IDENTITY_HEADER]: await signIdentity(planner, SECRET, -1) };
    await expect(forwardedIdentities(SECRET)(headers)).rejects.toThrow(/has expired/);
  });
});

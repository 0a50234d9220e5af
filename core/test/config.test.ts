import { describe, expect, it } from "vitest";
import { envFlag, envPort, withInheritedNodeOptions } from "../src/config";

describe("configuration from the environment", () => {
  it("uses the default port when PORT is unset or empty", () => {
    expect(envPort("PORT", 4001, {})).toBe(4001);
    expect(envPort("PORT", 4001, { PORT: "" })).toBe(4001);
  });

  it("refuses a port that is not a number, saying how to fix it", () => {
    expect(() => envPort("PORT", 4001, { PORT: "http" })).toThrow(
      "PORT=http is not a port: use a whole number from 1 to 65535",
    );
  });

  it("reads yes/no flags in their common spellings and refuses others", () => {
    expect(envFlag("SEED_ON_START", false, { SEED_ON_START: "1" })).toBe(true);
    expect(envFlag("SEED_ON_START", true, { SEED_ON_START: "off" })).toBe(false);
    expect(() => envFlag("SEED_ON_START", false, { SEED_ON_START: "maybe" })).toThrow("use true or false");
  });

  it("runs a service with its own NODE_OPTIONS after those its launcher was given", () => {
    expect(withInheritedNodeOptions("--max-semi-space-size=64", "--enable-source-maps")).toBe(
      "--enable-source-maps --max-semi-space-size=64",
    );
    expect(withInheritedNodeOptions("--max-semi-space-size=64", "")).toBe("--max-semi-space-size=64");
  });
});

import { describe, expect, it } from "vitest";
import { envFlag, envPort } from "../src/config";
import { databaseUrlFromEnv, withDatabase } from "../src/data-source";

describe("configuration from the environment", () => {
  it("uses the default port when PORT is unset or empty", () => {
    expect(envPort("PORT", 4001, {})).toBe(4001);
    expect(envPort("PORT", 4001, { PORT: "" })).toBe(4001);
  });

  it("refuses a port that is not a number, saying how to fix it", () => {
    expect(() => envPort("PORT", 4001, { PORT: "http" })).toThrow("PORT=http is not a port: use a whole number from 1 to 65535");
  });

  it("reads yes/no flags in their common spellings and refuses others", () => {
    expect(envFlag("SEED_ON_START", false, { SEED_ON_START: "1" })).toBe(true);
    expect(envFlag("SEED_ON_START", true, { SEED_ON_START: "off" })).toBe(false);
    expect(() => envFlag("SEED_ON_START", false, { SEED_ON_START: "maybe" })).toThrow("use true or false");
  });

  it("says which variable to set when the database URL is missing", () => {
    expect(() => databaseUrlFromEnv("DATABASE_URL", {})).toThrow(/DATABASE_URL is not set: point it at this service's PostgreSQL database/);
  });

  it("swaps the database name of a server URL, keeping credentials and options", () => {
    expect(withDatabase("postgres://u:p@db:5433/postgres?sslmode=require", "cakupan_regencies")).toBe("postgres://u:p@db:5433/cakupan_regencies?sslmode=require");
  });
});

import { describe, expect, it } from "vitest";
import { databaseUrlFromEnv, withDatabase } from "../src/data-source";

describe("the database from the environment", () => {
  it("says which variable to set when the database URL is missing", () => {
    expect(() => databaseUrlFromEnv("DATABASE_URL", {})).toThrow(
      /DATABASE_URL is not set: point it at this service's PostgreSQL database/,
    );
  });

  it("swaps the database name of a server URL, keeping credentials and options", () => {
    expect(withDatabase("postgres://u:p@db:5433/postgres?sslmode=require", "cakupan_regencies")).toBe(
      "postgres://u:p@db:5433/cakupan_regencies?sslmode=require",
    );
  });
});

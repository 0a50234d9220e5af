import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  TransactionNotStartedError,
} from "typeorm";
import { describe, expect, it } from "vitest";
import { databaseOutages, isDatabaseUnavailable } from "../src/outage";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("a database outage, as a subgraph tells it apart", () => {
  it("is PostgreSQL shutting down, starting up, refusing or dropping the connection", () => {
    expect(
      isDatabaseUnavailable(
        new QueryFailedError(
          "INSERT ...",
          [],
          pgError("57P01", "terminating connection due to administrator command"),
        ),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(pgError("57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable")),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([pgError("ECONNREFUSED", "connect ECONNREFUSED ::1:5432")])),
    ).toBe(true);
  });

  it("is TypeORM's error for a transaction whose connection died under it", () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new TransactionNotStartedError())).toBe(true);
  });

  it("is not a constraint violation or a bug", () => {
    expect(
      isDatabaseUnavailable(new QueryFailedError("INSERT ...", [], pgError("23505", "duplicate key value"))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });

  it("reaches the client as SERVICE_UNAVAILABLE naming the service, without the driver's text", () => {
    const formatted = databaseOutages("participants")(
      {
        message: "connect ECONNREFUSED 127.0.0.1:5432",
        path: ["recordCoverageReport"],
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      },
      pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
    );
    expect(formatted).toEqual({
      message:
        "The participants service cannot reach its database right now; nothing was stored. Try again in a few seconds.",
      path: ["recordCoverageReport"],
      locations: undefined,
      extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "participants" },
    });
  });
});

export * from "./logger";
export * from "./http-logging";
export * from "./metrics";

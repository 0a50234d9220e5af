export * from "./embedded-database";
export * from "./gateway";
export * from "./server";

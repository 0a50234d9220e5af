export * from "./embedded-database";
export * from "./gateway";
export * from "./server";
export * from "./addin";
export * from "./export";
export * from "./live";

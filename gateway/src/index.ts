export * from "./gateway";
export * from "./server";
export * from "./addin";
export * from "./export";
export * from "./live";
export * from "./auth";
export * from "./limits";
export * from "./response-cache";

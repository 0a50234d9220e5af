export * from "./embedded-database";
export * from "./token";
export * from "./replicated-postgres";
export * from "./supervisor";

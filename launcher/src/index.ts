export * from "./embedded-database";
export * from "./token";
export * from "./replicated-postgres";
export * from "./supervisor";
export * from "./open-loop";
export * from "./chaos-recovery";

export * from "./embedded-database";
export * from "./token";

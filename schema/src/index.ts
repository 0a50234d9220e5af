export * from "./compose";
export * from "./subgraphs";
export * from "./breaking-changes";
export * from "./descriptions";

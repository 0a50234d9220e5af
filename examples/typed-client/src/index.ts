export * from "./coverage";
export * from "./request";

export * from "./area-code";
export * from "./categories";
export * from "./config";
export * from "./dates";
export * from "./errors";
export * from "./identity";
export * from "./lifecycle";
export * from "./routes";

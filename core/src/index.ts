export * from "./area-code";
export * from "./config";
export * from "./errors";
export * from "./identity";

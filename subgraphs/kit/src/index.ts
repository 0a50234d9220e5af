import "reflect-metadata";

export * from "./area-code";
export * from "./context";
export * from "./data-source";
export * from "./errors";
export * from "./federated-schema";
export * from "./loaders";
export * from "./query-counter";
export * from "./scalars";
export * from "./seed-sources";
export * from "./server";
export * from "./source";
export * from "./config";
export * from "./service";
export * from "./area-master";
export * from "./numeric";
export * from "./source-input";

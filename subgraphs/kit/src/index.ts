import "reflect-metadata";

// What moved to the dependency-free core, so subgraph code keeps importing it from here.
export * from "@cakupan/core";

export * from "./audit";
export * from "./authorization";
export * from "./context";
export * from "./data-source";
export * from "./error-masking";
export * from "./federated-schema";
export * from "./loaders";
export * from "./query-counter";
export * from "./seed-sources";
export * from "./server";
export * from "./source";
export * from "./service";
export * from "./area-master";
export * from "./numeric";
export * from "./provenance";
export * from "./source-input";
export * from "./audit-migration";
export * from "./data-version";
export * from "./outage";
export * from "./text-limits";
export * from "./pg-listener";

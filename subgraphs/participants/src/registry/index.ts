/** The worker registry's public pieces: what the CLI, the benchmark and other packages' tests use. */
export { maskNik, type ParsedNik, parseNik, type Sex } from "./nik";
export { decryptNik, encryptNik, hashNik, type NikKeys, nikKeysFromEnv, requireNikKeys } from "./nik-crypto";
export {
  IMPORT_COLUMNS,
  type ImportProblem,
  type ImportRow,
  minimumBpuContribution,
  type ParsedImport,
  parseParticipantCsv,
} from "./participant-import";
export { importParticipantCsv, type StreamedImport } from "./participant-import-stream";
export { type StoreResult, storeParticipants } from "./participant-store";
export { statsLoader } from "./participant-stats.resolver";
export { csvLine, SYNTHETIC_HEADER, syntheticRows } from "./synthetic";

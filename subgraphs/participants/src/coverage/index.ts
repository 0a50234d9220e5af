/** The coverage indicator's public pieces: the arithmetic, how a report is stored, and its change events. */
export * from "./coverage.indicator";
export { COVERAGE_CHANNEL } from "./coverage.events";
export { storeCoverageReport } from "./coverage-report.resolver";
export * from "./planning.arithmetic";

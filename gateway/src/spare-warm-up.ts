import { type ManifestOperation, persistedOperationsWarmUp, type WarmUp } from "@cakupan/core";

/**
 * A region of the seed for each required variable of our clients' queries: a spare gateway warms up on the
 * add-in's and the dashboard's operations (lifecycle.ts's listen), as asked for a regency and a province.
 */
const SAMPLE_VARIABLES = { code: "16.06", provinceCode: "16", ref: "16.06" };

/**
 * What a spare gateway sends itself before it stands by: our clients' persisted queries, each with the
 * X-Forwarded-For a load balancer adds (reading it, with TRUST_PROXY, is on every request's path).
 */
export function spareWarmUp(operations: ManifestOperation[]): WarmUp {
  return persistedOperationsWarmUp(operations, SAMPLE_VARIABLES, {
    headers: { "x-forwarded-for": "127.0.0.1" },
  });
}

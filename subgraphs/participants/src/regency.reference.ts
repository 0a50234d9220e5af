import type { Regency } from "./regency.entity";

/**
 * A Regency reference carries its key and, for coverage, the figures @requires pulled from the regencies
 * subgraph; nothing is read here. Reports are loaded by the coverage fields, batched across references.
 */
export function resolveRegencyReference(reference: Regency): Regency {
  return reference;
}

import type { Province } from "./regency.entity";

/** Key and required regencies as the gateway sends them; coverage loads reports for all of them at once. */
export function resolveProvinceReference(reference: Province): Province {
  return reference;
}

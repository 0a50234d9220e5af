import { areaMasterRegions } from "@cakupan/kit";

export type RegencyLookup = { code: string } | { rule: string; message: string };

/**
 * The one place an import turns what a file says about a regency into its Kemendagri code, through the one
 * region resolver of @cakupan/core: codes with or without the dot ("16.06", "1606"), official names
 * ("Kota Malang", "Kab. Malang"), BPS codes where they differ. An ambiguous reference is a bad row that names
 * its candidates, never a guess.
 */
export function lookUpRegency(text: string): RegencyLookup {
  const answer = areaMasterRegions().resolve(text);
  if (answer.status === "ambiguous") return { rule: "REGION_AMBIGUOUS", message: answer.message };
  if (answer.status === "unknown") return { rule: "REGION_UNKNOWN", message: answer.message };
  return { code: answer.code };
}

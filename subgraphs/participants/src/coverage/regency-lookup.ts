import { isAreaCode, knownRegencyCodes } from "@cakupan/kit";

export type RegencyLookup = { code: string } | { rule: string; message: string };

/**
 * The one place an import turns what a file says about a regency into its Kemendagri code. Today codes, with
 * or without the dot ("16.06", "1606"); a region resolver in @cakupan/core (names, BPS codes, candidates for
 * an ambiguous name) replaces this body when it lands, and every import follows.
 */
export function lookUpRegency(text: string): RegencyLookup {
  const value = text.trim();
  const code = /^\d{4}$/.test(value) ? `${value.slice(0, 2)}.${value.slice(2)}` : value;
  if (!isAreaCode("regency", code))
    return {
      rule: "REGENCY_FORMAT",
      message: `"${value}" is not a regency code: give a Kemendagri code like 16.06 (or 1606).`,
    };
  if (!knownRegencyCodes().has(code))
    return {
      rule: "REGENCY_UNKNOWN",
      message: `No regency has the code ${code}: check it against regencies(search: ...).`,
    };
  return { code };
}

import type { Language } from "./format";

/**
 * What the page shows lives in its URL, so a view is a link to share: ?place=16 (a province) or
 * ?place=16.06 (a regency), none for the whole country; asOf=2025-07-31 (none: today); lang=en (none:
 * Indonesian).
 */
export interface ViewState {
  place: string | null;
  /** ?place= that is not a code ("1606", "Kota Malang"): read by the region resolver, then replaced by its code. */
  reference?: string;
  asOf: string | null;
  lang: Language;
}

export type View = "national" | "province" | "regency";

export function viewOf(state: ViewState): View {
  if (!state.place) return "national";
  return /^\d{2}$/.test(state.place) ? "province" : "regency";
}

export function readState(search = location.search): ViewState {
  const params = new URLSearchParams(search);
  const place = params.get("place")?.trim() || null;
  const asOf = params.get("asOf")?.trim() || null;
  const isCode = place !== null && /^\d{2}(\.\d{2})?$/.test(place);
  return {
    place: isCode ? place : null,
    ...(place && !isCode ? { reference: place } : {}),
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
    lang: params.get("lang") === "en" ? "en" : "id",
  };
}

export function searchOf(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.place ?? state.reference) params.set("place", (state.place ?? state.reference)!);
  if (state.asOf) params.set("asOf", state.asOf);
  if (state.lang !== "id") params.set("lang", state.lang);
  const text = params.toString();
  return text ? `?${text}` : "./";
}

/** A link to another view, keeping what is not changed. */
export function linkTo(state: ViewState, change: Partial<ViewState>): string {
  return searchOf({ ...state, ...change });
}

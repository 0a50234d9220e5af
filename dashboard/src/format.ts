/** Indonesian by default (103.079; 48,26%; 31 Jul 2025), English on request (103,079; 48.26%). */
export type Language = "id" | "en";

const locale = (language: Language) => (language === "id" ? "id-ID" : "en-GB");
const cache = new Map<string, Intl.NumberFormat>();
const numberFormat = (language: Language, options: Intl.NumberFormatOptions) => {
  const key = `${language}|${JSON.stringify(options)}`;
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale(language), options));
  return cache.get(key)!;
};

export const NONE = "—";

export function formatNumber(
  value: number | null | undefined,
  language: Language,
  fractionDigits = 0,
): string {
  if (value === null || value === undefined) return NONE;
  return numberFormat(language, {
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: fractionDigits,
  }).format(value);
}

/** A fraction as a percentage with two decimals: 0.4826 -> 48,26%. */
export function formatPercent(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined) return NONE;
  return numberFormat(language, {
    style: "percent",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** An ISO date (2025-07-31) as the language writes it; the ISO text stays in the table's data for copying. */
export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return NONE;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** A month as words ("Desember 2025", "December 2025") from "2025-12". */
export function formatMonth(month: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-01T00:00:00Z`));
}

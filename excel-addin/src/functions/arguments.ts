import { invalidValue } from "./errors";

/** A date argument: ISO text ("2025-07-31"), an Excel date serial (45869), or empty for none. */
export function dateArgument(value: unknown, name: string): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    // Excel's serial 1 is 1900-01-01, with its fictitious 1900-02-29: serials count from 1899-12-30.
    const ms = Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000;
    return new Date(ms).toISOString().slice(0, 10);
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const text = value.trim();
    const parsed = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text)) return text;
  }
  throw invalidValue(`${name} "${String(value)}" is not a date: use a date cell or text like 2025-07-31.`);
}

/** A year argument: 2025, "2025", or empty. */
export function yearArgument(value: unknown, name = "year"): number | null {
  if (value === undefined || value === null || value === "") return null;
  const year = typeof value === "number" ? value : Number(String(value).trim());
  if (!Number.isInteger(year) || year < 1945 || year > 2100)
    throw invalidValue(`${name} "${String(value)}" is not a year: use four digits, like 2025.`);
  return year;
}

/** Whole Rupiah: 16800, "16800", "Rp16.800", or empty for none. */
export function rupiahArgument(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  const text =
    typeof value === "number"
      ? String(value)
      : String(value)
          .trim()
          .replace(/^Rp\s?/i, "");
  const amount = /^\d{1,3}(\.\d{3})+$/.test(text) ? Number(text.replace(/\./g, "")) : Number(text);
  if (!Number.isInteger(amount) || amount < 1 || amount > 2_000_000_000)
    throw invalidValue(
      `${name} "${String(value)}" is not whole Rupiah: use a number like 16800 or Rp16.800.`,
    );
  return amount;
}

/** A list argument: "code,name,rate" or a range of cells, flattened, blanks dropped. */
export function listArgument(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value))
    return value
      .flat(2)
      .map((v) => String(v ?? "").trim())
      .filter(Boolean);
  return String(value)
    .split(/[,;]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

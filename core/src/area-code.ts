import { badUserInput } from "./errors";

/**
 * Kemendagri area codes: province "16", regency "16.06", district "16.06.01", village "16.06.01.2001".
 * Always strings; BPS codes ("1606") are a different scheme and are refused here.
 */
export type AreaLevel = "province" | "regency" | "district" | "village";

const PATTERNS: Record<AreaLevel, { pattern: RegExp; example: string; shape: string }> = {
  province: { pattern: /^\d{2}$/, example: "16", shape: "two digits" },
  regency: {
    pattern: /^\d{2}\.\d{2}$/,
    example: "16.06",
    shape: "province and regency digits separated by a dot",
  },
  district: {
    pattern: /^\d{2}\.\d{2}\.\d{2}$/,
    example: "16.06.01",
    shape: "province, regency and district digits separated by dots",
  },
  village: {
    pattern: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
    example: "16.06.01.2001",
    shape: "province, regency and district digits and a four-digit village number, separated by dots",
  },
};

export function isAreaCode(level: AreaLevel, code: string): boolean {
  return PATTERNS[level].pattern.test(code);
}

/** Throws BAD_USER_INPUT naming the argument and showing a well-formed code. */
export function assertAreaCode(level: AreaLevel, code: string, argument = "code"): string {
  const trimmed = code.trim();
  if (isAreaCode(level, trimmed)) return trimmed;
  const { example, shape } = PATTERNS[level];
  throw badUserInput(
    `"${code}" is not a ${level} code: \`${argument}\` takes a Kemendagri ${level} code, ${shape}, like "${example}".`,
    argument,
  );
}

/** The province code of any area code ("16.06.01" -> "16"). */
export function provinceCodeOf(code: string): string {
  return code.slice(0, 2);
}

import { badUserInput, type Violation } from "@cakupan/core";

/**
 * How long each kind of free text may be, in characters (documented in the README): long enough for any
 * real value, short enough that no request can make the database compare or store megabytes.
 */
export const TEXT_LIMITS = {
  /** regencies(search:) */
  search: 100,
  /** ids chosen by people: award editions, sources */
  id: 100,
  /** names, publishers, labels */
  name: 200,
  /** titles of documents */
  title: 500,
  /** links to documents */
  link: 2000,
  /** notes and reasons */
  note: 2000,
} as const;

/** Lowercase words joined by hyphens: "paritrana-2024-sumsel", "seed-003-jpnn-muba-coverage-2025". */
const ID_FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function textViolation(
  field: string,
  value: string | null | undefined,
  max: number,
): Violation | null {
  if (value == null || value.length <= max) return null;
  return {
    field,
    rule: "MAX_LENGTH",
    message: `${field} is ${value.length} characters long; at most ${max} are kept.`,
  };
}

/** A link a reader can follow: http or https only (a javascript: link would run in a dashboard). */
export function linkViolation(field: string, value: string | null | undefined): Violation | null {
  if (value == null || !value.trim()) return null;
  const tooLong = textViolation(field, value, TEXT_LIMITS.link);
  if (tooLong) return tooLong;
  let url: URL | null;
  try {
    url = new URL(value.trim());
  } catch {
    url = null;
  }
  if (url && (url.protocol === "http:" || url.protocol === "https:")) return null;
  return {
    field,
    rule: "LINK",
    message: `${field} must be an http or https address, like https://www.antaranews.com/...`,
  };
}

export function idViolation(field: string, value: string, example: string): Violation | null {
  if (value.length <= TEXT_LIMITS.id && ID_FORMAT.test(value)) return null;
  return {
    field,
    rule: "FORMAT",
    message:
      `${field} is not an id: ids are lowercase words joined by hyphens ` +
      `(at most ${TEXT_LIMITS.id} characters), like "${example}".`,
  };
}

/** An id argument of a query: BAD_USER_INPUT when it cannot be one, so a lookup never sees junk. */
export function assertId(argument: string, value: string, example: string): string {
  const violation = idViolation(argument, value, example);
  if (violation) throw badUserInput(violation.message, argument);
  return value;
}

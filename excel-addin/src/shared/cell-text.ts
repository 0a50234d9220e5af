/**
 * Text from the gateway (a source's publisher, a name) that Excel would read as a formula, written as
 * text: OWASP's rule, the same the CSV export follows. A string starting with =, +, -, @, tab or CR gets
 * a leading apostrophe: in a cell Excel writes it as its quote prefix (the text shows as typed, never
 * runs); in a spilled result it shows, and still cannot run when the values are pasted or exported.
 */
export function asText<T>(value: T): T | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Every text cell of a table neutralised; numbers and empty cells as they are. */
export function asTextCells<T>(rows: T[][]): (T | string)[][] {
  return rows.map((row) => row.map(asText));
}

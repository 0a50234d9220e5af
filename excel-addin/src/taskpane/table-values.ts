import { asText } from "../shared/cell-text";
import { FIELD_LABELS, FLAG_LABELS, type Language } from "../shared/i18n";
import { CellError } from "../functions/errors";
import { flagsOf, tableCell, type TableRow } from "../functions/jsk";

/**
 * Number formats per column: fractions shown as percentages, persons with thousands separators, and every
 * other column text ("@"), so Excel reads neither a code (16.10) as a number nor a name as a formula.
 */
const FORMATS: Record<string, string> = {
  rate: "0.00%",
  target: "0.00%",
  active: "#,##0",
  workforce: "#,##0",
  gap: "#,##0",
  pace: "#,##0",
};

export interface TableValues {
  header: string[];
  values: (string | number)[][];
  numberFormats: string[];
}

/** What an inserted table holds: a localized header, one row per regency, and the columns' formats. */
export function tableValues(rows: TableRow[], fields: string[], language: Language): TableValues {
  return {
    header: fields.map((field) => FIELD_LABELS[language][field] ?? field),
    // "#N/A" written to a cell is Excel's error value: a figure whose service was down is never an empty cell.
    values: rows.map((row) =>
      fields.map((field) => {
        const cell = tableCell(row, field);
        if (cell instanceof CellError) return "#N/A";
        return asText(
          field === "flags"
            ? flagsOf(row.coverage)
                .map((f) => FLAG_LABELS[language][f])
                .join("; ")
            : cell,
        );
      }),
    ),
    numberFormats: fields.map((field) => FORMATS[field] ?? "@"),
  };
}

/** The distinct sources behind a table's figures, for the task pane's footer. */
export function sourcesOf(rows: TableRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    for (const source of row.coverage?.sources ?? []) {
      seen.add(
        [source.publisher, source.title, source.publishedOn ?? source.reportedOn].filter(Boolean).join(", "),
      );
    }
  }
  return [...seen];
}

/** What the source view says beside the sources: each inferred or stale figure, and why. */
export function caveatsOf(rows: TableRow[], labels: { inferredLabel: string; staleLabel: string }): string[] {
  const caveats: string[] = [];
  for (const row of rows) {
    const coverage = row.coverage;
    if (!coverage) continue;
    if (coverage.inferred && coverage.inference)
      caveats.push(`${row.name} (${coverage.asOf}), ${labels.inferredLabel}: ${coverage.inference}`);
    if (coverage.stale) {
      caveats.push(
        `${row.name} (${coverage.asOf}), ${labels.staleLabel}: ${coverage.notes.find((n) => n.includes("months old")) ?? ""}`,
      );
    }
  }
  return caveats;
}

import { type GatewayConfig, postGraphQL } from "../shared/gateway";
import IMPORT from "../operations/import.graphql";

/** The header names the coverage import reads as a date: an Excel date cell there is sent as its ISO day. */
const DATE_HEADERS = new Set(["posisi", "tanggal", "bulan", "as_of", "date", "month"]);

const excelSerialToIso = (serial: number) =>
  new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A selected range (header first) as the CSV the coverage import reads. Date cells of a date column, which
 * Excel hands over as serial numbers, become ISO days; numbers are written without grouping; blank rows are
 * left out, so a selection running past the table is harmless.
 */
export function rangeToCsv(values: unknown[][]): string {
  if (!values.length) return "";
  const header = values[0].map((v) => String(v ?? "").trim());
  const isDate = header.map((name) => DATE_HEADERS.has(name.toLowerCase().replace(/[\s-]+/g, "_")));
  const rows = values
    .slice(1)
    .filter((row) => row.some((v) => String(v ?? "").trim() !== ""))
    .map((row) =>
      row.map((value, column) =>
        typeof value === "number" && isDate[column] && value > 0
          ? excelSerialToIso(value)
          : String(value ?? ""),
      ),
    );
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n");
}

export interface CoverageImportResult {
  dryRun: boolean;
  rows: number;
  valid: number;
  reports: number;
  stored: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  problemCount: number;
  problems: { line: number; column: string; rule: string; message: string }[];
}

export interface TableSource {
  publisher: string;
  title: string;
}

/**
 * Sending a range as a bulk import, in two steps: `check` makes a dry run and remembers exactly what it
 * checked; `confirm` sends that same text for real, and only after a clean dry run. Checking other text
 * (or the same again) starts over.
 */
export class RangeImport {
  private checked: { csv: string; source: TableSource } | null = null;

  constructor(private readonly gateway: () => GatewayConfig) {}

  get canConfirm(): boolean {
    return this.checked !== null;
  }

  private async send(csv: string, source: TableSource, dryRun: boolean): Promise<CoverageImportResult> {
    const { data, errors } = await postGraphQL<{ importCoverageReports: CoverageImportResult }>(
      this.gateway(),
      IMPORT.TaskpaneImportCoverage.body,
      { csv, source, dryRun },
    );
    if (errors?.length || !data?.importCoverageReports) throw new Error(errors?.[0]?.message ?? "No answer.");
    return data.importCoverageReports;
  }

  async check(values: unknown[][], source: TableSource): Promise<CoverageImportResult> {
    this.checked = null;
    const csv = rangeToCsv(values);
    const result = await this.send(csv, source, true);
    if (!result.problemCount && result.reports > 0) this.checked = { csv, source };
    return result;
  }

  async confirm(): Promise<CoverageImportResult> {
    if (!this.checked) throw new Error("Check the range first (a dry run), then confirm.");
    const { csv, source } = this.checked;
    this.checked = null;
    return this.send(csv, source, false);
  }
}

/** The values of the selected range, as Excel holds them. */
export async function selectedValues(context: Excel.RequestContext): Promise<unknown[][]> {
  const range = context.workbook.getSelectedRange();
  range.load("values");
  await context.sync();
  return range.values;
}

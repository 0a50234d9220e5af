import type { ApolloServer } from "@apollo/server";
import { ANONYMOUS, isAreaCode } from "@cakupan/kit";
import { stringify } from "csv-stringify/sync";
import type { Express } from "express";

/**
 * GET /export/coverage.csv?province=16&asOf=2025-07-31, or ?regencies=16.06,16.10: the coverage table as a
 * stable CSV (header row, ISO dates, fractions, empty cells where a figure is unknown, never 0) for Power
 * Query "From Web" and Google Sheets IMPORTDATA. The figures come from the same GraphQL operation as any client's.
 * `status` is the pace status; figure_status says whether the figure is REPORTED or an ESTIMATE, and the columns
 * after it what it counts, what was derived, how old it is and whether it is stale (max_age_months, default 12).
 */
export const COVERAGE_CSV_COLUMNS = [
  "code", "name", "province_code", "province_name", "as_of", "active_participants", "workforce", "workforce_year",
  "rate", "target", "target_year", "gap", "required_monthly_pace", "status", "sources",
  "figure_status", "measure", "inferred", "inference", "age_months", "stale", "notes",
] as const;

const FIELDS = `code name province { code name } coverage(asOf: $asOf, maxAgeMonths: $maxAgeMonths) {
  asOf activeParticipants workforce workforceYear rate target targetYear gap requiredMonthlyPace status
  activeParticipantsStatus measure inferred inference ageMonths stale notes
  sources { publisher title publishedOn reportedOn } }`;

interface Row {
  code: string;
  name: string;
  province: { code: string; name: string };
  coverage: null | {
    asOf: string; activeParticipants: number; workforce: number | null; workforceYear: number | null; rate: number | null;
    target: number | null; targetYear: number | null; gap: number | null; requiredMonthlyPace: number | null; status: string | null;
    activeParticipantsStatus: string; measure: string; inferred: boolean; inference: string | null; ageMonths: number;
    stale: boolean; notes: string[];
    sources: { publisher: string | null; title: string | null; publishedOn: string | null; reportedOn: string | null }[];
  };
}

export function coverageCsv(rows: Row[]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? "" : value);
  return stringify(
    rows.map((row) => {
      const c = row.coverage;
      return [
        row.code, row.name, row.province.code, row.province.name, cell(c?.asOf), cell(c?.activeParticipants), cell(c?.workforce),
        cell(c?.workforceYear), cell(c?.rate), cell(c?.target), cell(c?.targetYear), cell(c?.gap), cell(c?.requiredMonthlyPace),
        cell(c?.status),
        c ? c.sources.map((s) => [s.publisher, s.title, s.publishedOn ?? s.reportedOn].filter(Boolean).join(", ")).join("; ") : "",
        cell(c?.activeParticipantsStatus), cell(c?.measure), c ? String(c.inferred) : "", cell(c?.inference), cell(c?.ageMonths),
        c ? String(c.stale) : "", c ? c.notes.join(" | ") : "",
      ];
    }),
    { header: true, columns: [...COVERAGE_CSV_COLUMNS], record_delimiter: "\r\n" },
  );
}

export function exportRoutes(app: Express, apollo: ApolloServer<any>): void {
  app.get("/export/coverage.csv", async (request, response) => {
    const province = typeof request.query.province === "string" ? request.query.province.trim() : undefined;
    const regencies = typeof request.query.regencies === "string" ? request.query.regencies.split(",").map((c) => c.trim()).filter(Boolean) : undefined;
    const asOf = typeof request.query.asOf === "string" && request.query.asOf ? request.query.asOf : undefined;
    const refuse = (message: string) => response.status(400).type("text/plain").send(`${message}\n`);

    if (!province === !regencies) return refuse("Give either province=16 or regencies=16.06,16.10 (Kemendagri codes).");
    if (province && !isAreaCode("province", province)) return refuse(`province=${province} is not a province code: use two digits, like 16.`);
    const badRegency = regencies?.find((code) => !isAreaCode("regency", code));
    if (badRegency) return refuse(`regencies contains "${badRegency}", which is not a regency code: use codes like 16.06.`);
    if (regencies && regencies.length > 1000) return refuse("At most 1000 regencies per export.");
    if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return refuse(`asOf=${asOf} is not a date: use YYYY-MM-DD, like 2025-07-31.`);
    const maxAgeText = typeof request.query.max_age_months === "string" ? request.query.max_age_months.trim() : "";
    if (maxAgeText && !(/^\d{1,4}$/.test(maxAgeText) && Number(maxAgeText) <= 1200)) {
      return refuse(`max_age_months=${maxAgeText} is not a whole number of months from 0 to 1200: use one like 12 (the default) or 36.`);
    }
    const maxAgeMonths = maxAgeText ? Number(maxAgeText) : undefined;

    const query = province
      ? `query($province: ID!, $asOf: Date, $maxAgeMonths: Int = 12) { rows: regencies(provinceCode: $province) { ${FIELDS} } }`
      : `query($asOf: Date, $maxAgeMonths: Int = 12, ${regencies!.map((_, i) => `$c${i}: ID!`).join(", ")}) { ${regencies!.map((_, i) => `r${i}: regency(code: $c${i}) { ${FIELDS} }`).join(" ")} }`;
    const variables: Record<string, unknown> = { asOf, province, maxAgeMonths };
    regencies?.forEach((code, i) => (variables[`c${i}`] = code));
    // Public aggregates only: the export runs as an anonymous caller, whoever asks.
    const result = await apollo.executeOperation({ query, variables }, { contextValue: { identity: ANONYMOUS } });
    const body = result.body.kind === "single" ? result.body.singleResult : undefined;
    if (!body || body.errors?.length) {
      return response.status(502).type("text/plain").send(`The gateway could not answer: ${body?.errors?.map((e) => e.message).join("; ") ?? "no result"}\n`);
    }
    const data = body.data as Record<string, Row | Row[] | null>;
    const rows = province ? (data.rows as Row[]) : regencies!.map((_, i) => data[`r${i}`] as Row | null).filter((r): r is Row => r !== null);
    response
      .status(200)
      .type("text/csv; charset=utf-8")
      .set("content-disposition", `inline; filename="coverage${province ? `-${province}` : ""}${asOf ? `-${asOf}` : ""}.csv"`)
      .set("cache-control", "no-store")
      .send(coverageCsv(rows));
  });
}

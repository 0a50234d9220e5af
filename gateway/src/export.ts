import type { ApolloServer } from "@apollo/server";
import { ANONYMOUS, DateScalar, isAreaCode } from "@cakupan/kit";
import { stringify } from "csv-stringify/sync";
import type { Express } from "express";
import { sendGraphQLError } from "./client-errors";

/**
 * GET /export/coverage.csv?province=16&asOf=2025-07-31, or ?regencies=16.06,16.10: the coverage table as a
 * stable CSV (header row, ISO dates, fractions, empty cells where a figure is unknown, never 0) for Power
 * Query "From Web" and Google Sheets IMPORTDATA. The figures come from the same GraphQL operation as any client's.
 */
export const COVERAGE_CSV_COLUMNS = [
  "code", "name", "province_code", "province_name", "as_of", "active_participants", "workforce", "workforce_year",
  "rate", "target", "target_year", "gap", "required_monthly_pace", "status", "sources",
] as const;

const FIELDS = `code name province { code name } coverage(asOf: $asOf) {
  asOf activeParticipants workforce workforceYear rate target targetYear gap requiredMonthlyPace status
  sources { publisher title publishedOn } }`;

interface Row {
  code: string;
  name: string;
  province: { code: string; name: string };
  coverage: null | {
    asOf: string; activeParticipants: number; workforce: number | null; workforceYear: number | null; rate: number | null;
    target: number | null; targetYear: number | null; gap: number | null; requiredMonthlyPace: number | null; status: string | null;
    sources: { publisher: string | null; title: string | null; publishedOn: string | null }[];
  };
}

/** The most regencies one export lists (documented in the README; regencies(codes:) answers as many). */
export const MAX_EXPORT_REGENCIES = 1000;

/**
 * OWASP's rule against CSV injection: text a spreadsheet would read as a formula (starting with =, +, -, @,
 * tab or CR) is prefixed with an apostrophe, so it shows as the text it is. Numbers are left as numbers.
 */
export function neutraliseFormula(value: unknown): unknown {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function coverageCsv(rows: Row[]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? "" : neutraliseFormula(value));
  return stringify(
    rows.map((row) => {
      const c = row.coverage;
      return [
        row.code, row.name, row.province.code, row.province.name, cell(c?.asOf), cell(c?.activeParticipants), cell(c?.workforce),
        cell(c?.workforceYear), cell(c?.rate), cell(c?.target), cell(c?.targetYear), cell(c?.gap), cell(c?.requiredMonthlyPace),
        cell(c?.status),
        cell(c ? c.sources.map((s) => [s.publisher, s.title, s.publishedOn].filter(Boolean).join(", ")).join("; ") : ""),
      ];
    }),
    { header: true, columns: [...COVERAGE_CSV_COLUMNS], record_delimiter: "\r\n" },
  );
}

type Data = Record<string, Row[]>;

export function exportRoutes(app: Express, apollo: ApolloServer<any>): void {
  /** Public aggregates only: the export runs as an anonymous caller, whoever asks. */
  const run = async (query: string, variables: Record<string, unknown>): Promise<{ data?: Data; errors?: string[] }> => {
    const result = await apollo.executeOperation({ query, variables }, { contextValue: { identity: ANONYMOUS } });
    const body = result.body.kind === "single" ? result.body.singleResult : undefined;
    if (!body || body.errors?.length) return { errors: body?.errors?.map((e) => e.message) ?? ["no result"] };
    return { data: body.data as Data };
  };

  app.get("/export/coverage.csv", async (request, response) => {
    const province = typeof request.query.province === "string" ? request.query.province.trim() : undefined;
    const regencies = typeof request.query.regencies === "string" ? request.query.regencies.split(",").map((c) => c.trim()).filter(Boolean) : undefined;
    const asOf = typeof request.query.asOf === "string" && request.query.asOf ? request.query.asOf : undefined;
    const refuse = (message: string) => sendGraphQLError(response, 400, "BAD_USER_INPUT", message);

    if (!province === !regencies?.length) return refuse("Give either province=16 or regencies=16.06,16.10 (Kemendagri codes).");
    if (province && !isAreaCode("province", province)) return refuse(`province=${province} is not a province code: use two digits, like 16.`);
    const badRegency = regencies?.find((code) => !isAreaCode("regency", code));
    if (badRegency) return refuse(`regencies contains "${badRegency}", which is not a regency code: use codes like 16.06.`);
    if (regencies && regencies.length > MAX_EXPORT_REGENCIES) {
      return refuse(`At most ${MAX_EXPORT_REGENCIES} regencies per export (this asks for ${regencies.length}): split the list, or export a province.`);
    }
    if (asOf) {
      try {
        DateScalar.parseValue(asOf);
      } catch (error) {
        return refuse(`asOf=${asOf} is not a date: use YYYY-MM-DD, like 2025-07-31 (${(error as Error).message}).`);
      }
    }

    // One list field, not an alias per regency: a thousand aliases would cost the gateway seconds of planning.
    const { data, errors } = province
      ? await run(`query($province: ID!, $asOf: Date) { rows: regencies(provinceCode: $province) { ${FIELDS} } }`, { province, asOf })
      : await run(`query($codes: [ID!]!, $asOf: Date) { rows: regencies(codes: $codes) { ${FIELDS} } }`, { codes: regencies, asOf });
    if (errors) return sendGraphQLError(response, 502, "BAD_GATEWAY", `The gateway could not answer: ${errors.join("; ")}`);
    const found = new Map((data!.rows as Row[]).map((row) => [row.code, row]));
    // In the order given; unknown codes are left out, as the documented behaviour has it.
    const rows = province ? (data!.rows as Row[]) : regencies!.map((code) => found.get(code)).filter((row): row is Row => row !== undefined);
    response
      .status(200)
      .type("text/csv; charset=utf-8")
      .set("content-disposition", `inline; filename="coverage${province ? `-${province}` : ""}${asOf ? `-${asOf}` : ""}.csv"`)
      .set("cache-control", "no-store")
      .send(coverageCsv(rows));
  });
}

import type { IncomingMessage } from "node:http";
import type { ApolloServer } from "@apollo/server";
import {
  ANONYMOUS,
  DateScalar,
  GATEWAY_ROUTES,
  type Identity,
  isAreaCode,
  RegionReferences,
} from "@cakupan/core";
import { stringify } from "csv-stringify/sync";
import type { Express, Request, Response } from "express";
import { sendGraphQLError } from "./client-errors";
import type { GatewayContext } from "./gateway";

/**
 * GET /export/coverage.csv and /export/coverage.json, with ?province=16 or ?regencies=16.06,16.10 (or any region
 * references the one resolver of @cakupan/core reads: 1606, Kota Malang, Muba, BPS 1101), &asOf=
 * and &history=true: the coverage table (or every report over time) as a stable CSV (header row, ISO dates,
 * fractions, empty cells where a figure is unknown, never 0) or JSON (the same columns, null where unknown),
 * for Power Query "From Web", Grafana's Infinity data source and a spreadsheet's IMPORTDATA. The figures come
 * from the same GraphQL operation as any client's, as the caller: anonymous, or signed in with a bearer token
 * (then with the breakdown by segment, group and funding). `status` is the pace status; figure_status says
 * whether the figure is REPORTED or an ESTIMATE, and the columns after it what it counts, what was derived, how
 * old it is and whether it is stale (&max_age_months=, default 12).
 */
export const COVERAGE_CSV_COLUMNS = [
  "code",
  "name",
  "province_code",
  "province_name",
  "as_of",
  "active_participants",
  "workforce",
  "workforce_year",
  "rate",
  "target",
  "target_year",
  "gap",
  "required_monthly_pace",
  "status",
  "sources",
  "figure_status",
  "measure",
  "inferred",
  "inference",
  "age_months",
  "stale",
  "notes",
] as const;

/** One row per report in a history export: every report up to asOf, oldest first. */
export const COVERAGE_HISTORY_COLUMNS = [
  "code",
  "name",
  "province_code",
  "province_name",
  "as_of",
  "as_of_precision",
  "active_participants",
  "figure_status",
  "rate",
  "claimed_rate",
  "recorded_at",
  "source",
  "measure",
  "inferred",
  "inference",
] as const;

/** The breakdown columns of signed-in exports, one per category of the API (persons; empty where not given). */
export const SEGMENT_CATEGORIES = [
  "WAGE_EARNER",
  "NON_WAGE_EARNER",
  "CONSTRUCTION",
  "MIGRANT_WORKER",
  "NON_ASN_STAFF",
  "VILLAGE_OFFICIAL",
  "VULNERABLE_WORKER",
  "APBD",
  "APBDES",
  "PROVINCE_BUDGET",
  "CSR",
  "BAZNAS",
  "SELF_PAID",
  "EMPLOYER",
] as const;
const segmentColumn = (category: string) => `persons_${category.toLowerCase()}`;

type SourceRef = {
  publisher: string | null;
  title: string | null;
  publishedOn: string | null;
  reportedOn: string | null;
};
type Segment = { category: string; persons: number };

interface Coverage {
  asOf: string;
  activeParticipants: number;
  workforce: number | null;
  workforceYear: number | null;
  rate: number | null;
  target: number | null;
  targetYear: number | null;
  gap: number | null;
  requiredMonthlyPace: number | null;
  status: string | null;
  activeParticipantsStatus: string;
  measure: string;
  inferred: boolean;
  inference: string | null;
  ageMonths: number;
  stale: boolean;
  notes: string[];
  sources: SourceRef[];
  segments?: Segment[];
}

interface Report {
  asOf: string;
  asOfPrecision: string;
  activeParticipants: number | null;
  status: string;
  rate: number | null;
  claimedRate: number | null;
  recordedAt: string;
  source: SourceRef;
  measure: string;
  inferred: boolean;
  inference: string | null;
  segments?: Segment[];
}

interface Row {
  code: string;
  name: string;
  province: { code: string; name: string };
  coverage?: Coverage | null;
  coverageHistory?: Report[];
}

type Cell = string | number | boolean | null;

const sourceText = (s: SourceRef) =>
  [s.publisher, s.title, s.publishedOn ?? s.reportedOn].filter(Boolean).join(", ");
const segmentCells = (segments: Segment[] | undefined): Cell[] =>
  SEGMENT_CATEGORIES.map((category) => segments?.find((s) => s.category === category)?.persons ?? null);

function snapshotCells(row: Row): Cell[] {
  const c = row.coverage;
  return [
    row.code,
    row.name,
    row.province.code,
    row.province.name,
    c?.asOf ?? null,
    c?.activeParticipants ?? null,
    c?.workforce ?? null,
    c?.workforceYear ?? null,
    c?.rate ?? null,
    c?.target ?? null,
    c?.targetYear ?? null,
    c?.gap ?? null,
    c?.requiredMonthlyPace ?? null,
    c?.status ?? null,
    c ? c.sources.map(sourceText).join("; ") : "",
    c?.activeParticipantsStatus ?? null,
    c?.measure ?? null,
    c?.inferred ?? null,
    c?.inference ?? null,
    c?.ageMonths ?? null,
    c?.stale ?? null,
    c ? c.notes.join(" | ") : null,
  ];
}

function historyCells(row: Row, report: Report): Cell[] {
  return [
    row.code,
    row.name,
    row.province.code,
    row.province.name,
    report.asOf,
    report.asOfPrecision,
    report.activeParticipants,
    report.status,
    report.rate,
    report.claimedRate,
    report.recordedAt,
    sourceText(report.source),
    report.measure,
    report.inferred,
    report.inference,
  ];
}

export interface CoverageTable {
  columns: string[];
  rows: Cell[][];
}

/** The table of an export: one row per regency (or per report with history), breakdown columns when signed in. */
export function coverageTable(
  rows: Row[],
  options: { history?: boolean; segments?: boolean } = {},
): CoverageTable {
  const segments = options.segments ?? false;
  const extra = segments ? SEGMENT_CATEGORIES.map(segmentColumn) : [];
  if (options.history) {
    return {
      columns: [...COVERAGE_HISTORY_COLUMNS, ...extra],
      rows: rows.flatMap((row) =>
        (row.coverageHistory ?? []).map((r) => [
          ...historyCells(row, r),
          ...(segments ? segmentCells(r.segments) : []),
        ]),
      ),
    };
  }
  return {
    columns: [...COVERAGE_CSV_COLUMNS, ...extra],
    rows: rows.map((row) => [
      ...snapshotCells(row),
      ...(segments ? segmentCells(row.coverage?.segments) : []),
    ]),
  };
}

/** The most regencies one export lists (documented in the README; regencies(codes:) answers as many). */
export const MAX_EXPORT_REGENCIES = 1000;

/**
 * OWASP's rule against CSV injection: text a spreadsheet would read as a formula (starting with =, +, -, @,
 * tab or CR) is prefixed with an apostrophe, so it shows as the text it is. Numbers are left as numbers.
 */
export function neutraliseFormula(value: Cell): Cell {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function coverageCsv(rows: Row[], options: { history?: boolean; segments?: boolean } = {}): string {
  const table = coverageTable(rows, options);
  return stringify(
    table.rows.map((cells) =>
      cells.map((cell) => (typeof cell === "boolean" ? String(cell) : (neutraliseFormula(cell) ?? ""))),
    ),
    { header: true, columns: table.columns, record_delimiter: "\r\n" },
  );
}

const COVERAGE_FIELDS = `asOf activeParticipants workforce workforceYear rate target targetYear gap requiredMonthlyPace status
  activeParticipantsStatus measure inferred inference ageMonths stale notes
  sources { publisher title publishedOn reportedOn }`;
const HISTORY_FIELDS =
  "asOf asOfPrecision activeParticipants status rate claimedRate recordedAt measure inferred inference " +
  "source { publisher title publishedOn reportedOn }";

interface ExportRequest {
  province?: string;
  regencies?: string[];
  asOf?: string;
  maxAgeMonths?: number;
  history: boolean;
}

function exportRequest(request: Request): ExportRequest | string {
  const text = (name: string) =>
    typeof request.query[name] === "string" ? (request.query[name] as string).trim() : undefined;
  const province = text("province") || undefined;
  const regencies = text("regencies")
    ?.split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const asOf = text("asOf") || undefined;
  const history = text("history");
  const maxAge = text("max_age_months");

  if (!province === !regencies?.length)
    return "Give either province=16 or regencies=16.06,16.10 (codes, or names like Kota Malang).";
  if (province && !isAreaCode("province", province))
    return `province=${province} is not a province code: use two digits, like 16.`;
  if (regencies && regencies.length > MAX_EXPORT_REGENCIES) {
    return `At most ${MAX_EXPORT_REGENCIES} regencies per export (this asks for ${regencies.length}): split the list, or export a province.`;
  }
  if (asOf) {
    try {
      DateScalar.parseValue(asOf);
    } catch (error) {
      return `asOf=${asOf} is not a date: use YYYY-MM-DD, like 2025-07-31 (${(error as Error).message}).`;
    }
  }
  if (history !== undefined && history !== "" && history !== "true" && history !== "false") {
    return `history=${history} is not true or false: history=true lists every report up to asOf.`;
  }
  if (maxAge && !(/^\d{1,4}$/.test(maxAge) && Number(maxAge) <= 1200)) {
    return `max_age_months=${maxAge} is not a whole number of months from 0 to 1200: use one like 12 (the default) or 36.`;
  }
  return {
    province,
    regencies,
    asOf,
    maxAgeMonths: maxAge ? Number(maxAge) : undefined,
    history: history === "true",
  };
}

function operation(
  ask: ExportRequest,
  signedIn: boolean,
): { query: string; variables: Record<string, unknown> } {
  const segments = signedIn ? " segments { category persons }" : "";
  const selection = ask.history
    ? `code name province { code name } coverageHistory(to: $asOf) { ${HISTORY_FIELDS}${segments} }`
    : `code name province { code name } coverage(asOf: $asOf, maxAgeMonths: $maxAgeMonths) { ${COVERAGE_FIELDS}${segments} }`;
  // Declared only where used: GraphQL refuses an operation with a variable it never reads.
  const maxAge = ask.history ? "" : ", $maxAgeMonths: Int";
  const variables: Record<string, unknown> = { asOf: ask.asOf };
  if (!ask.history) variables.maxAgeMonths = ask.maxAgeMonths;
  if (ask.province) {
    return {
      query: `query($province: ID!, $asOf: Date${maxAge}) { rows: regencies(provinceCode: $province) { ${selection} } }`,
      variables: { ...variables, province: ask.province },
    };
  }
  // One list field, not an alias per regency: a thousand aliases would cost the gateway seconds of planning.
  return {
    query: `query($codes: [ID!]!, $asOf: Date${maxAge}) { rows: regencies(codes: $codes) { ${selection} } }`,
    variables: { ...variables, codes: ask.regencies },
  };
}

/**
 * The regencies=... references that are not Kemendagri codes ("1606", "Kota Malang", "Muba"), read by the one
 * region resolver against the directory the gateway itself answers: every one resolved, or the first that is
 * ambiguous or unknown refused with its candidates or suggestions (a dotted code passes as it is: an unknown
 * one is left out of the table, as before).
 */
async function readRegencyReferences(
  apollo: ApolloServer<GatewayContext>,
  identity: Identity,
  references: string[],
): Promise<{ codes: string[] } | { message: string; extensions: Record<string, unknown> }> {
  const result = await apollo.executeOperation(
    { query: "{ regencies { code name shortName kind aliases } }" },
    { contextValue: { identity } },
  );
  const body = result.body.kind === "single" ? result.body.singleResult : undefined;
  const directory = (body?.data as { regencies?: { code: string; name: string; shortName: string }[] })
    ?.regencies;
  if (!directory)
    return {
      message: `The regions could not be listed to read regencies=: ${body?.errors?.map((e) => e.message).join("; ") ?? "no result"}`,
      extensions: {},
    };
  const index = new RegionReferences(directory);
  const codes: string[] = [];
  for (const reference of references) {
    if (isAreaCode("regency", reference)) {
      codes.push(reference);
      continue;
    }
    const answer = index.resolve(reference);
    if (answer.status === "resolved") codes.push(answer.code);
    else
      return {
        message: `regencies: ${answer.message}`,
        extensions: {
          field: "regencies",
          reference: answer.reference,
          ...(answer.status === "ambiguous"
            ? { candidates: answer.candidates }
            : { suggestions: answer.suggestions }),
        },
      };
  }
  return { codes };
}

export function exportRoutes(
  app: Express,
  apollo: ApolloServer<GatewayContext>,
  authenticate: (request: IncomingMessage) => Promise<Identity> = async () => ANONYMOUS,
): void {
  const answer = (format: "csv" | "json") => async (request: Request, response: Response) => {
    const refuse = (status: number, message: string) =>
      sendGraphQLError(
        response,
        status,
        status === 400 ? "BAD_USER_INPUT" : status === 401 ? "UNAUTHENTICATED" : "BAD_GATEWAY",
        message,
      );
    const ask = exportRequest(request);
    if (typeof ask === "string") return refuse(400, ask);
    let identity: Identity;
    try {
      identity = await authenticate(request);
    } catch (error) {
      return refuse(401, (error as Error).message);
    }
    if (ask.regencies?.some((reference) => !isAreaCode("regency", reference))) {
      const read = await readRegencyReferences(apollo, identity, ask.regencies);
      if ("message" in read)
        return sendGraphQLError(response, 400, "BAD_USER_INPUT", read.message, read.extensions);
      ask.regencies = read.codes;
    }
    const signedIn = identity.role !== "anonymous";
    const { query, variables } = operation(ask, signedIn);
    const result = await apollo.executeOperation({ query, variables }, { contextValue: { identity } });
    const body = result.body.kind === "single" ? result.body.singleResult : undefined;
    if (!body || body.errors?.length) {
      return refuse(
        502,
        `The gateway could not answer: ${body?.errors?.map((e) => e.message).join("; ") ?? "no result"}`,
      );
    }
    const data = body.data as { rows: Row[] };
    const found = new Map(data.rows.map((row) => [row.code, row]));
    // In the order given; unknown codes are left out.
    const rows = ask.province
      ? data.rows
      : ask.regencies!.map((code) => found.get(code)).filter((row): row is Row => row !== undefined);
    const options = { history: ask.history, segments: signedIn };
    const name = `coverage${ask.history ? "-history" : ""}${ask.province ? `-${ask.province}` : ""}${ask.asOf ? `-${ask.asOf}` : ""}`;
    response
      .status(200)
      .set("content-disposition", `inline; filename="${name}.${format}"`)
      .set("cache-control", signedIn ? "private, no-store" : "no-cache")
      .set("vary", "authorization");
    if (format === "csv") return response.type("text/csv; charset=utf-8").send(coverageCsv(rows, options));
    const table = coverageTable(rows, options);
    response.json({
      asOf: ask.asOf ?? null,
      history: ask.history,
      signedIn,
      columns: table.columns,
      rows: table.rows.map((cells) =>
        Object.fromEntries(table.columns.map((column, i) => [column, cells[i]])),
      ),
    });
  };
  app.get(GATEWAY_ROUTES.coverageCsv, answer("csv"));
  app.get(GATEWAY_ROUTES.coverageJson, answer("json"));
}

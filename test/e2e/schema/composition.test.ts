import { readFileSync } from "node:fs";
import { API_SCHEMA_FILE, composeSupergraph, SUPERGRAPH_FILE } from "@cakupan/schema";
import { buildSchema, type GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";

describe("the committed schema files", () => {
  it("compose without errors", async () => {
    const composition = await composeSupergraph();
    expect(composition.errors).toEqual([]);
  });

  it("hold each subgraph's SDL exactly as its code prints it (run npm run compose when this fails)", async () => {
    const composition = await composeSupergraph();
    for (const subgraph of composition.subgraphs) {
      expect(readFileSync(subgraph.file, "utf8"), subgraph.file).toBe(subgraph.sdl);
    }
  });

  it("hold the supergraph exactly as composition produces it (run npm run compose when this fails)", async () => {
    const composition = await composeSupergraph();
    expect(readFileSync(SUPERGRAPH_FILE, "utf8")).toBe(composition.supergraphSdl);
  });

  it("hold the public API schema exactly as the supergraph gives it (run npm run compose when this fails)", async () => {
    const composition = await composeSupergraph();
    expect(readFileSync(API_SCHEMA_FILE, "utf8")).toBe(composition.apiSchemaSdl);
  });

  it("keep the contract of the foundation: queries, and Regency as an entity keyed by code with the fixed fields", () => {
    const supergraph = readFileSync(SUPERGRAPH_FILE, "utf8");
    const schema = buildSchema(supergraph);
    const signature = (type: string, field: string) => {
      const definition = (schema.getType(type) as GraphQLObjectType).getFields()[field];
      const args = definition.args.map((arg) => `${arg.name}: ${arg.type}`).join(", ");
      return `${field}${args ? `(${args})` : ""}: ${definition.type}`;
    };
    expect(["provinces", "province", "regency", "regencies"].map((f) => signature("Query", f))).toEqual([
      "provinces: [Province!]!",
      "province(code: ID!): Province",
      "regency(code: ID!): Regency",
      "regencies(provinceCode: ID, search: String, codes: [ID!]): [Regency!]!",
    ]);
    expect(supergraph).toMatch(
      /type Regency\s+(@join__type\([^)]*\)\s+)*@join__type\(graph: REGENCIES, key: "code"\)/,
    );
    const regencyFields = [
      "code",
      "name",
      "shortName",
      "kind",
      "aliases",
      "province",
      "districts",
      "workforceEstimates",
      "coverageTargets",
    ];
    expect(regencyFields.map((f) => signature("Regency", f))).toEqual([
      "code: ID!",
      "name: String!",
      "shortName: String!",
      "kind: RegencyKind!",
      "aliases: [String!]!",
      "province: Province!",
      "districts: [District!]!",
      "workforceEstimates: [WorkforceEstimate!]!",
      "coverageTargets: [CoverageTarget!]!",
    ]);
    expect(["year", "persons", "source"].map((f) => signature("WorkforceEstimate", f))).toEqual([
      "year: Int!",
      "persons: Int!",
      "source: Source!",
    ]);
    expect(["year", "rate", "scheme", "source"].map((f) => signature("CoverageTarget", f))).toEqual([
      "year: Int!",
      "rate: Float!",
      "scheme: String!",
      "source: Source!",
    ]);
  });

  it("keep the contract of coverage: Regency.coverage, coverageHistory, Province.coverage and the Coverage type", () => {
    const schema = buildSchema(readFileSync(SUPERGRAPH_FILE, "utf8"));
    const signature = (type: string, field: string) => {
      const definition = (schema.getType(type) as GraphQLObjectType).getFields()[field];
      const args = definition.args.map((arg) => `${arg.name}: ${arg.type}`).join(", ");
      return `${field}${args ? `(${args})` : ""}: ${definition.type}`;
    };
    // maxAgeMonths (issue 13) is optional with a default: every query written before it means what it meant.
    expect(signature("Regency", "coverage")).toBe("coverage(asOf: Date, maxAgeMonths: Int): Coverage");
    // Nullable: null (with SUBGRAPH_UNAVAILABLE) only while participants is down, so the regency survives.
    expect(signature("Regency", "coverageHistory")).toBe(
      "coverageHistory(from: Date, to: Date): [CoverageReport!]",
    );
    expect(signature("Province", "coverage")).toBe(
      "coverage(asOf: Date, maxAgeMonths: Int): ProvinceCoverage",
    );
    const coverageFields = [
      "asOf",
      "activeParticipants",
      "workforce",
      "rate",
      "target",
      "gap",
      "requiredMonthlyPace",
      "status",
      "segments",
      "sources",
      "discrepancies",
    ];
    expect(coverageFields.map((f) => signature("Coverage", f))).toEqual([
      "asOf: Date!",
      "activeParticipants: Int!",
      "workforce: Int",
      "rate: Float",
      "target: Float",
      "gap: Int",
      "requiredMonthlyPace: Int",
      "status: CoverageStatus",
      "segments: [SegmentCount!]!",
      "sources: [Source!]!",
      "discrepancies: [Discrepancy!]!",
    ]);
    expect(
      ["field", "claimed", "computed", "source", "note"].map((f) => signature("Discrepancy", f)),
    ).toEqual(["field: String!", "claimed: Float!", "computed: Float!", "source: Source!", "note: String!"]);
  });

  it("keep the contract of awards: Regency.awards and nominations, AwardResult, AwardEdition, awardEditions", () => {
    const schema = buildSchema(readFileSync(SUPERGRAPH_FILE, "utf8"));
    const signature = (type: string, field: string) => {
      const definition = (schema.getType(type) as GraphQLObjectType).getFields()[field];
      const args = definition.args.map((arg) => `${arg.name}: ${arg.type}`).join(", ");
      return `${field}${args ? `(${args})` : ""}: ${definition.type}`;
    };
    // Nullable: null (with SUBGRAPH_UNAVAILABLE) only while awards is down, so the regency survives.
    expect(["awards", "nominations"].map((f) => signature("Regency", f))).toEqual([
      "awards: [AwardResult!]",
      "nominations: [Nomination!]",
    ]);
    expect(
      ["rank", "title", "edition", "category", "source"].map((f) => signature("AwardResult", f)),
    ).toEqual([
      "rank: Int!",
      "title: String!",
      "edition: AwardEdition!",
      "category: AwardCategory!",
      "source: Source!",
    ]);
    expect(
      ["id", "name", "level", "province", "assessmentYear", "ceremonyDate", "categories"].map((f) =>
        signature("AwardEdition", f),
      ),
    ).toEqual([
      "id: ID!",
      "name: String!",
      "level: AwardLevel!",
      "province: Province",
      "assessmentYear: Int",
      "ceremonyDate: Date",
      "categories: [AwardCategory!]!",
    ]);
    expect(signature("Query", "awardEditions")).toBe(
      "awardEditions(provinceCode: ID, year: Int): [AwardEdition!]!",
    );
  });
});

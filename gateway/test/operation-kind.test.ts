import { describe, expect, it } from "vitest";
import { operationKind } from "../src/operation-kind";

describe("the kind of an operation", () => {
  it("reads queries, mutations and subscriptions, anonymous or named", () => {
    expect(operationKind('{ regency(code: "16.06") { name } }')).toBe("query");
    expect(operationKind('query Muba { regency(code: "16.06") { name } }')).toBe("query");
    expect(operationKind("mutation { recordCoverageReport(input: {}) { id } }")).toBe("mutation");
    expect(operationKind("subscription { changed }")).toBe("subscription");
  });

  it("is not fooled by what string matching was: comments, fragments first, whitespace", () => {
    expect(operationKind("# a mutation, written by hand\nmutation { a }")).toBe("mutation");
    expect(operationKind('fragment F on Regency { code } query { regency(code: "16.06") { ...F } }')).toBe(
      "query",
    );
    expect(operationKind("  \n  mutation{a}")).toBe("mutation");
    expect(operationKind('query { note(text: "mutation") }')).toBe("query");
  });

  it("picks the operation the name asks for in a document of several", () => {
    const document = "query Read { a } mutation Write { b }";
    expect(operationKind(document, "Write")).toBe("mutation");
    expect(operationKind(document, "Read")).toBe("query");
  });

  it("cannot say for text that does not parse, an unnamed choice of several, or a name not in the document", () => {
    expect(operationKind("{ regency(")).toBe("unknown");
    expect(operationKind("query A { a } query B { b }")).toBe("unknown");
    expect(operationKind("query A { a }", "B")).toBe("unknown");
  });
});

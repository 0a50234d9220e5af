import { describe, expect, it } from "vitest";
import { useTestStack } from "../../support/servers";

/**
 * Whatever a client sends, the gateway answers a JSON GraphQL error with a code and a 4xx status: never
 * HTML, never a stack trace or a file path, never a 500 for the client's own mistake.
 */
// The response cache on, as in production: it is the first to read the variables.
const stack = useTestStack({ responseCache: true });

interface Answer {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
  body: { errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function send(init: RequestInit, path = "/graphql"): Promise<Answer> {
  const response = await fetch(stack.gateway.url.replace("/graphql", path), init);
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the assertions say so
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text,
    headers: response.headers,
    body,
  };
}

const post = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body,
});

/** A client error as the spec wants it: 4xx, JSON, a GraphQL error with a code, and nothing of the server's insides. */
function expectClientError(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, json: /json/.test(answer.contentType) }).toEqual({ status, json: true });
  expect(answer.body?.errors?.[0].extensions?.code).toBe(code);
  expect(answer.text).not.toMatch(/<html|node_modules|\/work\/|\bat [\w.<>]+ \(|\.[jt]s:\d+:\d+/i);
}

describe("client errors at the gateway", () => {
  it("a syntax error answers 400 GRAPHQL_PARSE_FAILED", async () => {
    expectClientError(await send(post(JSON.stringify({ query: "{ regency(" }))), 400, "GRAPHQL_PARSE_FAILED");
  });

  it("two operations without an operationName answer 400, saying to name one", async () => {
    const answer = await send(
      post(JSON.stringify({ query: "query A { provinces { code } } query B { provinces { name } }" })),
    );
    expectClientError(answer, 400, "OPERATION_RESOLUTION_FAILURE");
    expect(answer.body?.errors?.[0].message).toContain("operationName");
  });

  it("an unknown operationName answers 400", async () => {
    expectClientError(
      await send(post(JSON.stringify({ query: "query A { provinces { code } }", operationName: "B" }))),
      400,
      "OPERATION_RESOLUTION_FAILURE",
    );
  });

  it("a charset other than UTF-8 answers 415 as JSON, without a stack or a file path", async () => {
    const answer = await send(
      post(JSON.stringify({ query: "{ provinces { code } }" }), {
        "content-type": "application/json; charset=latin1",
      }),
    );
    expectClientError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(answer.body?.errors?.[0].message).toContain("UTF-8");
  });

  it("a content-encoding the body does not have answers 400 as JSON", async () => {
    expectClientError(
      await send(post(JSON.stringify({ query: "{ provinces { code } }" }), { "content-encoding": "gzip" })),
      400,
      "BAD_REQUEST",
    );
  });

  it("a content-encoding the gateway does not read answers 415 as JSON", async () => {
    expectClientError(
      await send(
        post(JSON.stringify({ query: "{ provinces { code } }" }), { "content-encoding": "compress" }),
      ),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  it("variables nested 10,000 deep are refused with 400, naming the depth limit", async () => {
    const deep = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
    const answer = await send(
      post(`{"query":"query($x: String) { provinces { code } }","variables":{"x":${deep}}}`),
    );
    expectClientError(answer, 400, "BAD_REQUEST");
    expect(answer.body?.errors?.[0].message).toMatch(/variables.*nested.*limit of \d+/i);
  });

  it("an export without regencies answers 400 as JSON, saying what to give", async () => {
    const answer = await send({ method: "GET" }, "/export/coverage.csv?regencies=");
    expectClientError(answer, 400, "BAD_USER_INPUT");
    expect(answer.body?.errors?.[0].message).toContain("regencies=16.06,16.10");
  });

  it("an unknown path answers 404 as JSON", async () => {
    expectClientError(await send({ method: "GET" }, "/wp-login.php"), 404, "NOT_FOUND");
  });

  it("names no framework: no X-Powered-By header", async () => {
    for (const answer of [
      await send(post(JSON.stringify({ query: "{ provinces { code } }" }))),
      await send({ method: "GET" }, "/health"),
    ]) {
      expect(answer.headers.get("x-powered-by")).toBeNull();
    }
  });
});

import { randomUUID } from "node:crypto";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { GraphQLFormattedError } from "graphql";

/**
 * Every refusal of the gateway, on any route, is a JSON GraphQL error with a code, a 4xx status and a
 * message saying what to do: never Express's HTML page, never a stack trace, a file path or an internal
 * address. Anything the gateway did not expect is a 500 with a reference to the logged error, no more.
 */
export function sendGraphQLError(
  response: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  response
    .status(status)
    .type("application/json")
    .json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** What body-parser refuses (its error `type`), as a client can act on it. */
function bodyRefusal(
  error: { type?: string; message?: string; charset?: string; encoding?: string },
  maxBodyBytes: number,
) {
  switch (error.type) {
    case "entity.too.large":
      return {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message:
          `The request body is larger than the gateway's limit of ${maxBodyBytes} bytes: ` +
          "send a smaller operation.",
      };
    case "entity.parse.failed":
      return {
        status: 400,
        code: "BAD_REQUEST",
        message: `The request body is not valid JSON: ${error.message}`,
      };
    case "charset.unsupported":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message:
          `The body's charset ${JSON.stringify(error.charset ?? "")} is not read here: ` +
          "send JSON in UTF-8 (content-type: application/json; charset=utf-8).",
      };
    case "encoding.unsupported":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message:
          `content-encoding ${JSON.stringify(error.encoding ?? "")} is not read here: ` +
          "send the body as it is, or as gzip, deflate or br.",
      };
    case "request.aborted":
    case "request.size.invalid":
      return {
        status: 400,
        code: "BAD_REQUEST",
        message: "The request body ended before its content-length: send it whole.",
      };
    default:
      return null;
  }
}

/**
 * The last error handler of the app: body-parser's refusals and a decompression that fails (a false
 * content-encoding) become 4xx GraphQL errors; anything else a logged 500 that says nothing of the insides.
 */
export function clientErrorHandler(options: { maxBodyBytes: number }): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) return next(error);
    const refusal = bodyRefusal(error ?? {}, options.maxBodyBytes);
    if (refusal) return sendGraphQLError(response, refusal.status, refusal.code, refusal.message);
    if (typeof error?.code === "string" && error.code.startsWith("Z_")) {
      const encoding = request.headers["content-encoding"];
      return sendGraphQLError(
        response,
        400,
        "BAD_REQUEST",
        `The body is not ${encoding} as its content-encoding says: send it as it is, without the header.`,
      );
    }
    const status = Number(error?.status ?? error?.statusCode);
    if (status >= 400 && status < 500 && error?.expose)
      return sendGraphQLError(response, status, "BAD_REQUEST", String(error.message));
    const reference = randomUUID();
    console.error(`gateway: unexpected error ${reference} on ${request.method} ${request.path}:`, error);
    sendGraphQLError(
      response,
      500,
      "INTERNAL_SERVER_ERROR",
      `Internal server error (reference ${reference}): it has been logged.`,
    );
  };
}

/** Any path the gateway does not serve. */
export const notFound: RequestHandler = (request, response) => {
  sendGraphQLError(
    response,
    404,
    "NOT_FOUND",
    `Nothing is served at ${request.method} ${request.path}: GraphQL is at POST /graphql.`,
  );
};

/** A URL, or a host and port: what a network error names of the services behind the gateway. */
const URL_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/.source;
const HOST_AND_PORT =
  /(?:\b\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\]|\blocalhost|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+):\d{1,5}\b/.source;
const INTERNAL_ADDRESS = new RegExp(`${URL_TEXT}|${HOST_AND_PORT}`, "gi");
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Apollo Server's formatError: what reaches a client of any error. The subgraph's HTTP answer
 * (extensions.response) and exception details are dropped, internal addresses masked, and, while
 * introspection is off, "Did you mean ...?" suggestions removed, for they spell the schema.
 */
export function formatErrorForClients(options: { suggestions: boolean }) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const {
      response: _response,
      exception: _exception,
      stacktrace: _stacktrace,
      ...extensions
    } = formatted.extensions ?? {};
    let message = formatted.message.replace(INTERNAL_ADDRESS, "(internal address)");
    if (!options.suggestions) message = message.replace(SUGGESTION, "");
    return { ...formatted, message, extensions };
  };
}

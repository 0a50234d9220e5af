import { existsSync, readFileSync } from "node:fs";
import type { Request, RequestHandler } from "express";
import { type FieldNode, Kind, parse, print, visit } from "graphql";

/**
 * Persisted operations (trusted documents). Our own clients' operations (the dashboard's, the add-in's) are
 * extracted from their .graphql files at build time into manifests in Apollo's format; the gateway accepts
 * them by id (`documentId=sha256:<hex>`, or Apollo's `extensions.persistedQuery.sha256Hash`), over GET as
 * well as POST, so an answer is a cacheable URL. With TRUSTED_DOCUMENTS=only-anonymous, a caller without a
 * token may send only registered operations (by id, or their exact text), or a batch of registered
 * operations' root fields under aliases (how the Excel add-in asks for many cells at once); `only` asks the
 * same of everyone; `allow` (the default) accepts any operation, registered ids included.
 */
/** What each client's build writes into its dist/. */
export const MANIFEST_FILE = "persisted-operations.json";

export type TrustedDocumentsMode = "allow" | "only-anonymous" | "only";

export interface PersistedOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}

export function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv = process.env): TrustedDocumentsMode {
  const value = env.TRUSTED_DOCUMENTS?.trim() || "allow";
  if (value !== "allow" && value !== "only-anonymous" && value !== "only") {
    throw new Error(`TRUSTED_DOCUMENTS=${value} is not a mode: use allow, only-anonymous or only.`);
  }
  return value;
}

/** The operations of the manifests that exist (a client not built yet has none); a malformed one is an error. */
export function readManifests(paths: string[]): PersistedOperation[] {
  const operations: PersistedOperation[] = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, "utf8")) as {
      format?: string;
      operations?: PersistedOperation[];
    };
    if (manifest.format !== "apollo-persisted-query-manifest" || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not a persisted query manifest (format apollo-persisted-query-manifest).`);
    }
    operations.push(...manifest.operations);
  }
  return operations;
}

/** A root field as a shape: no alias, every variable named alike, so a batch's parts compare to templates. */
function fieldShape(field: FieldNode): string {
  const anonymous = visit(
    { ...field, alias: undefined },
    { Variable: (node) => ({ ...node, name: { ...node.name, value: "_" } }) },
  );
  return print(anonymous);
}

function normalised(text: string): string | null {
  try {
    return print(parse(text));
  } catch {
    return null;
  }
}

type Params = {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
  documentId?: unknown;
};

/** GET carries JSON in query-string parameters; POST in the body. */
function paramsOf(request: Request): Params | undefined {
  if (request.method !== "GET")
    return request.body && typeof request.body === "object" ? (request.body as Params) : undefined;
  const search = request.query as Record<string, unknown>;
  const json = (value: unknown) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  };
  return { ...search, variables: json(search.variables), extensions: json(search.extensions) };
}

function requestedId(params: Params): string | undefined {
  if (typeof params.documentId === "string") return params.documentId.replace(/^sha256:/, "").toLowerCase();
  const hash = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery?.sha256Hash;
  return typeof hash === "string" ? hash.toLowerCase() : undefined;
}

const refusal = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

export function persistedOperations(operations: PersistedOperation[], mode: TrustedDocumentsMode) {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const registeredTexts = new Set(operations.map((operation) => normalised(operation.body)));
  const registeredFields = new Set<string>();
  for (const operation of operations) {
    const definitions = parse(operation.body).definitions;
    const only =
      definitions.length === 1 && definitions[0].kind === Kind.OPERATION_DEFINITION
        ? definitions[0]
        : undefined;
    const roots = only?.operation === "query" ? only.selectionSet.selections : [];
    if (roots.length === 1 && roots[0].kind === Kind.FIELD) registeredFields.add(fieldShape(roots[0]));
  }

  /** A registered text, or a query whose every root field is a registered operation's root field under an alias. */
  const isTrusted = (text: string): boolean => {
    const printed = normalised(text);
    if (printed === null) return true; // a syntax error: Apollo Server explains it
    if (registeredTexts.has(printed)) return true;
    const definitions = parse(text).definitions;
    if (definitions.length !== 1 || definitions[0].kind !== Kind.OPERATION_DEFINITION) return false;
    const operation = definitions[0];
    if (operation.operation !== "query" || operation.directives?.length) return false;
    return operation.selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && registeredFields.has(fieldShape(s)),
    );
  };

  const middleware: RequestHandler = (request, response, next) => {
    const params = paramsOf(request);
    if (!params) return next();
    const anonymous = !request.headers.authorization;
    // A GET answer may be kept, and is asked again each time: the ETag makes an unchanged answer a 304.
    if (request.method === "GET")
      response.set("cache-control", anonymous ? "public, no-cache" : "private, no-cache");
    const strict = mode === "only" || (mode === "only-anonymous" && anonymous);
    const id = requestedId(params);
    const listed = "Registered operations are listed at /graphql/persisted-operations.json.";

    if (id !== undefined && (params.query === undefined || params.query === "")) {
      const operation = byId.get(id);
      if (!operation) {
        if (!strict && params.documentId === undefined) return next(); // Apollo's automatic persisted queries
        response
          .status(404)
          .json(refusal("PERSISTED_QUERY_NOT_FOUND", `No operation is registered with id ${id}. ${listed}`));
        return;
      }
      const resolved = {
        query: operation.body,
        operationName: typeof params.operationName === "string" ? params.operationName : operation.name,
        variables: params.variables ?? undefined,
      };
      if (request.method === "GET") {
        // Apollo Server reads a GET from its URL: put the text there, and tell its CSRF check that this
        // request is a registered query, which a page of another origin gains nothing by sending.
        const search = new URLSearchParams({ query: resolved.query, operationName: resolved.operationName });
        if (resolved.variables !== undefined) search.set("variables", JSON.stringify(resolved.variables));
        request.url = `${request.url.split("?")[0]}?${search}`;
        request.headers["apollo-require-preflight"] = "persisted-operation";
      }
      request.body = resolved;
      return next();
    }

    if (strict && typeof params.query === "string" && !isTrusted(params.query)) {
      const who = mode === "only" ? "any caller" : "callers without a token";
      response
        .status(403)
        .json(
          refusal(
            "OPERATION_NOT_REGISTERED",
            `This gateway runs only registered operations for ${who} (TRUSTED_DOCUMENTS=${mode}): send one by its id ` +
              `(documentId=sha256:<id>)${mode === "only-anonymous" ? ", or sign in with a bearer token" : ""}. ${listed}`,
          ),
        );
      return;
    }
    if (request.method === "GET" && typeof params.query === "string") request.body = params;
    next();
  };

  const manifest = {
    format: "apollo-persisted-query-manifest",
    version: 1,
    operations: [...byId.values()].map(({ id, name, type, body }) => ({ id, name, type, body })),
  };
  return { middleware, manifest, size: byId.size };
}

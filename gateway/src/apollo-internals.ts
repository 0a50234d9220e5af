import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { compileFunction } from "node:vm";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { createHash } from "node:crypto";
import {
  type Operation,
  operationFromDocument,
  ROUTER_SUPPORTED_SUPERGRAPH_FEATURES,
  type Schema,
  Supergraph,
} from "@apollo/federation-internals";
// Apollo's private modules, reached from this one file only (see below).
// eslint-disable-next-line no-restricted-imports
import * as federationOperations from "@apollo/federation-internals/dist/operations";
// eslint-disable-next-line no-restricted-imports
import * as gatewayExecutor from "@apollo/gateway/dist/executeQueryPlan";
// eslint-disable-next-line no-restricted-imports
import * as resultShaping from "@apollo/gateway/dist/resultShaping";
import { type DefinitionNode, type DocumentNode, parse } from "graphql";
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from "@apollo/server-gateway-interface";

/**
 * Every use of @apollo/gateway's private members, in one place; it offers no hook for either:
 *
 * - RemoteGraphQLDataSource's private sendRequest wraps every body in a node-fetch Request (a copy of each
 *   representation list) before its fetcher sees it; the gateway replaces it (replaceSendRequest).
 * - ApolloGateway's private createSchemaFromSupergraphSdl refuses a supergraph that links security features
 *   the gateway does not enforce itself; ours are enforced in every subgraph, so the gateway replaces it with
 *   the same steps and the router's list of supported features (acceptDocumentedSecurityDirectives).
 * - ApolloGateway plans an operation on its first request and keeps the plan in its private queryPlanStore,
 *   under a key of the operation's text and name; it offers no way to plan ahead, so the gateway fills that
 *   store itself at start for the operations it knows (warmQueryPlans), keyed exactly as its executor reads it.
 * - ApolloGateway's executor (executeQueryPlan) rebuilds federation's form of the operation from the parsed
 *   document on every request, through the operations module's export, which it reads on each call; the
 *   gateway puts a memo in front of that export (reuseExecutedOperations).
 * - The executor builds each entity representation with its module-private executeSelectionSet, whose
 *   objects are made in V8's slow dictionary mode; the gateway runs a copy of the executor's module in which
 *   that one function, checked unchanged by its hash, builds plain objects (plainObjectExecution).
 *   Likewise its result shaping (resultShaping.js, computeResponse), whose every output object is one: the
 *   gateway runs a copy of that module, checked unchanged by its hash, in which they are plain objects.
 * - The executor writes into the subgraph answers it receives; in the gateway's copy of its module it copies
 *   what it writes to instead (COPY_ON_WRITE, each text checked), so merged callers read one parsed answer.
 *
 * Both packages are pinned exactly (gateway/package.json). createGateway checks at start that every member
 * relied on is still there and still called, and stops with a message naming what is missing, so a new
 * version cannot silently change what the gateway does: re-check this module when raising the pin.
 */
export const VERIFIED_APOLLO_GATEWAY_VERSION = "2.14.4";

interface DataSourceInternals {
  sendRequest(request: GatewayGraphQLRequest): Promise<GatewayGraphQLResponse>;
}

interface GatewayInternals {
  config: { validateSupergraph?: boolean };
  createServices(metadata: unknown): void;
  createSchemaFromSupergraphSdl(sdl: string): { supergraph: Supergraph; supergraphSdl: string };
}

/** The prototype's methods whose source calls `this.<name>(`: that the replaced member is still used. */
function callers(prototype: object, name: string): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(prototype))
    .filter(
      ([, descriptor]) =>
        typeof descriptor.value === "function" && String(descriptor.value).includes(`this.${name}(`),
    )
    .map(([method]) => method);
}

/** What this module relies on and the installed packages lack; empty when everything fits. */
export function missingApolloInternals(
  gateway: object = ApolloGateway.prototype,
  dataSource: object = RemoteGraphQLDataSource.prototype,
  internals: {
    Supergraph?: unknown;
    ROUTER_SUPPORTED_SUPERGRAPH_FEATURES?: unknown;
    operations?: { operationFromDocument?: unknown };
    executeQueryPlan?: unknown;
    /** The executor module's source, and @apollo/gateway's index's, as installed. */
    executorSource?: string;
    gatewayIndexSource?: string;
    shapingSource?: string;
  } = {
    Supergraph,
    ROUTER_SUPPORTED_SUPERGRAPH_FEATURES,
    operations: operationsModule(),
    executeQueryPlan: executeQueryPlanModule().executeQueryPlan,
    executorSource: readFileSync(EXECUTOR_PATH, "utf8"),
    gatewayIndexSource: readFileSync(require.resolve("@apollo/gateway"), "utf8"),
    shapingSource: readFileSync(SHAPING_PATH, "utf8"),
  },
): string[] {
  const missing: string[] = [];
  const method = (owner: object, name: string, label: string) => {
    if (typeof (owner as Record<string, unknown>)[name] !== "function") missing.push(`${label}.${name}()`);
    else if (!callers(owner, name).length) missing.push(`a caller of ${label}.${name}()`);
  };
  method(dataSource, "sendRequest", "RemoteGraphQLDataSource");
  if (typeof (dataSource as Record<string, unknown>).errorFromResponse !== "function") {
    missing.push("RemoteGraphQLDataSource.errorFromResponse()");
  }
  method(gateway, "createSchemaFromSupergraphSdl", "ApolloGateway");
  if (typeof (gateway as Record<string, unknown>).createServices !== "function")
    missing.push("ApolloGateway.createServices()");
  if (typeof (internals.Supergraph as { build?: unknown } | undefined)?.build !== "function") {
    missing.push("Supergraph.build() of @apollo/federation-internals");
  }
  if (!(internals.ROUTER_SUPPORTED_SUPERGRAPH_FEATURES instanceof Set)) {
    missing.push("ROUTER_SUPPORTED_SUPERGRAPH_FEATURES of @apollo/federation-internals");
  }
  if (typeof internals.operations?.operationFromDocument !== "function")
    missing.push("operationFromDocument() of @apollo/federation-internals/dist/operations");
  if (!String(internals.executeQueryPlan).includes(EXECUTOR_BUILDS_OPERATION))
    missing.push("executeQueryPlan() building the operation with operationFromDocument(apiSchema, ...)");
  if (!internals.executorSource || !representationBuilder(internals.executorSource))
    missing.push(
      `executeSelectionSet() of ${EXECUTOR_MODULE} as verified (sha256 ${REPRESENTATION_BUILDER_SHA256})`,
    );
  if (internals.executorSource?.split(REPRESENTATIONS_BUILT).length !== 2)
    missing.push("executeQueryPlan()'s entity fetch building its representations as verified");
  if (!internals.executorSource || !replacedEverywhere(internals.executorSource, COPY_ON_WRITE))
    missing.push("executeQueryPlan()'s fetches merging into the result as verified (copy on write)");
  if (!internals.executorSource?.includes(EXECUTOR_CALLS_SHAPING))
    missing.push("executeQueryPlan() calling computeResponse() through its module's export");
  if (!internals.shapingSource || !isVerifiedShaping(internals.shapingSource))
    missing.push(`${SHAPING_MODULE} as verified (sha256 ${SHAPING_SHA256})`);
  if (!internals.gatewayIndexSource?.includes(GATEWAY_CALLS_EXECUTOR))
    missing.push("ApolloGateway calling executeQueryPlan() through its module's export");
  return missing;
}

/** Where executeQueryPlan's operationFromDocument lives; the package's index re-exports it by a getter. */
const operationsModule = () =>
  federationOperations as unknown as { operationFromDocument: typeof operationFromDocument };
const executeQueryPlanModule = () => gatewayExecutor as { executeQueryPlan: unknown };
/** The call the executor makes on every request, in its compiled source. */
const EXECUTOR_BUILDS_OPERATION = "operationFromDocument)(apiSchema";
const EXECUTOR_MODULE = "@apollo/gateway/dist/executeQueryPlan";
const EXECUTOR_PATH = require.resolve(EXECUTOR_MODULE);
/** How ApolloGateway runs a plan: through the executor module's export, read at each call. */
const GATEWAY_CALLS_EXECUTOR = "(0, executeQueryPlan_1.executeQueryPlan)(";

/** Where executeSelectionSet is in the executor's source: its text, up to the function after it. */
const REPRESENTATION_BUILDER =
  /function executeSelectionSet\(schema, source, selections\) \{[\s\S]*?(?=function moveIntoCursor\()/;
/** executeSelectionSet of @apollo/gateway 2.14.4, byte for byte: the function replaced below. */
const REPRESENTATION_BUILDER_SHA256 = "f27c2c8ee760f34cb8dc706c45d459aa887090b41ce9cacd01483a197042ddc7";

/** The executor's executeSelectionSet, when it is the one verified. */
function representationBuilder(executorSource: string): string | null {
  const found = REPRESENTATION_BUILDER.exec(executorSource)?.[0];
  return found && createHash("sha256").update(found).digest("hex") === REPRESENTATION_BUILDER_SHA256
    ? found
    : null;
}

/**
 * The executor's executeSelectionSet as it is, but building plain objects: Apollo's makes every object with
 * Object.create(null), which V8 keeps in dictionary mode, slow to fill, to read and to serialise
 * (JSON.stringify leaves its fast path for them). It builds the representations of every entity fetch (a
 * national table's participants fetch: 514 of them, 5,000 objects, 0.2 MB), and nothing else. Same fields in
 * the same order, null where Apollo's gives null; a "__proto__" field stays an own property, as it is on a
 * null-prototype object; a fragment's fields are taken as they are where nothing was selected before them
 * (deepMerge into an empty object copies them), else merged as Apollo merges them.
 */
/**
 * Callers asking the same thing at once (a national table's ten in flight) each build the same entity
 * representations from their own copy of the same answer (514 of them, 5,000 objects), and serialise them
 * again (0.2 MB): the largest of the gateway's costs per caller once their fetches are merged. The plain
 * executor keeps, for each fetch of a plan, the representations it built last; a later run of that fetch
 * first walks its own entities through the fetch's selection, comparing each value with the kept
 * representations without building anything, and when every one is what it would build, sends the kept list
 * itself (whose serialisation is kept too: subgraphRequestBody). Only lists with no input rewrites and one
 * representation per entity are kept. A kept list is never written to: its objects were built by
 * executeSelectionSet and its leaves are compared as primitives only (a value that is an object, a JSON
 * scalar from another fetch, could change: such a list is never reused).
 */
const REUSED_REPRESENTATIONS = `const keptRepresentations = new WeakMap();
/** Lists the executor kept, and the ones it gave again (their every leaf compared as a primitive). */
const keptLists = new WeakSet();
const reusedLists = new WeakSet();
exports.keptLists = keptLists;
exports.reusedLists = reusedLists;
function keepRepresentations(fetch, entities, representations) {
    if ((fetch.inputRewrites && fetch.inputRewrites.length) || representations.length !== entities.length) {
        keptRepresentations.delete(fetch);
        return;
    }
    keptRepresentations.set(fetch, representations);
    keptLists.add(representations);
}
function sameRepresentations(schema, fetch, entities) {
    const kept = keptRepresentations.get(fetch);
    if (!kept || kept.length !== entities.length || (fetch.inputRewrites && fetch.inputRewrites.length))
        return null;
    for (let index = 0; index < entities.length; index += 1) {
        if (!buildsAs(schema, entities[index], fetch.requires, kept[index]))
            return null;
    }
    reusedLists.add(kept);
    return kept;
}
exports.sameRepresentations = sameRepresentations;
exports.keepRepresentations = keepRepresentations;
/**
 * Whether executeSelectionSet(schema, source, selections) would build what serialises as built does (same
 * fields in the same order, same values), built being what it built from the same selections (so it has
 * every field they select and no other, in their order, or is null). False whenever unsure: a selection of
 * fields only, or one inline fragment (how the planner writes an entity's key and requirements); leaves
 * that are primitives.
 */
function buildsAs(schema, source, selections, built) {
    if (source === null)
        return built === null;
    if (built === null || typeof built !== "object" || Array.isArray(built))
        return false;
    if (selections.length === 1 && selections[0].kind === PLAIN_INLINE_FRAGMENT) {
        const fragment = selections[0];
        // Where the fragment does not apply, executeSelectionSet builds {}: never a kept representation.
        if (!fragment.typeCondition || !source || !(0, dataRewrites_1.isObjectOfType)(schema, source, fragment.typeCondition))
            return false;
        return buildsAs(schema, source, fragment.selections, built);
    }
    for (const selection of selections) {
        if (selection.kind !== PLAIN_FIELD)
            return false;
        const responseName = selection.alias ? selection.alias : selection.name;
        if (responseName === "__proto__" || !plainHasOwn.call(built, responseName))
            return false;
        const value = source[responseName];
        if (typeof value === "undefined" || !plainHasOwn.call(source, responseName))
            return false;
        const inner = selection.selections;
        const builtValue = built[responseName];
        if (Array.isArray(value)) {
            if (comparedSource.get(builtValue) === value)
                continue;
            if (!Array.isArray(builtValue) || builtValue.length !== value.length)
                return false;
            for (let index = 0; index < value.length; index += 1) {
                if (!(inner ? buildsAs(schema, value[index], inner, builtValue[index]) : samePrimitive(value[index], builtValue[index])))
                    return false;
            }
            comparedSource.set(builtValue, value);
        }
        else if (!(inner ? buildsAs(schema, value, inner, builtValue) : samePrimitive(value, builtValue)))
            return false;
    }
    return true;
}
/**
 * A kept list of a representation -> the entity's list it was last found to build (a figures list of a
 * national table's regency: most of what is compared). Callers merged into one subgraph request read the one
 * parsed answer, which nothing writes into (COPY_ON_WRITE), so a caller whose entity holds that very list
 * builds the same again: it is not compared twice. A list the executor copied for its own request, the only
 * lists it writes into, is never another request's.
 */
const comparedSource = new WeakMap();
function samePrimitive(value, built) {
    return value === built && (value === null || typeof value !== "object");
}
`;

const PLAIN_REPRESENTATION_BUILDER =
  `const PLAIN_FIELD = graphql_1.Kind.FIELD;
const PLAIN_INLINE_FRAGMENT = graphql_1.Kind.INLINE_FRAGMENT;
const plainHasOwn = Object.prototype.hasOwnProperty;
function executeSelectionSet(schema, source, selections) {
    if (source === null) {
        return null;
    }
    let result = {};
    let empty = true;
    for (const selection of selections) {
        if (selection.kind === PLAIN_FIELD) {
            const responseName = (0, query_planner_1.getResponseName)(selection);
            const value = source[responseName];
            if (typeof value === "undefined" || !plainHasOwn.call(source, responseName)) {
                return null;
            }
            const selections = selection.selections;
            const output = Array.isArray(value)
                ? value.map((element) => selections ? executeSelectionSet(schema, element, selections) : element)
                : selections ? executeSelectionSet(schema, value, selections) : value;
            if (responseName === "__proto__")
                Object.defineProperty(result, responseName, { value: output, enumerable: true, writable: true, configurable: true });
            else
                result[responseName] = output;
            empty = false;
        }
        else if (selection.kind === PLAIN_INLINE_FRAGMENT) {
            if (!selection.typeCondition || !source)
                continue;
            if ((0, dataRewrites_1.isObjectOfType)(schema, source, selection.typeCondition)) {
                const fragment = executeSelectionSet(schema, source, selection.selections);
                if (empty && fragment !== null) {
                    result = fragment;
                    empty = false;
                }
                else
                    (0, deepMerge_1.deepMerge)(result, fragment);
            }
        }
    }
    return result;
}
exports.executeSelectionSet = executeSelectionSet;
` + REUSED_REPRESENTATIONS;

/**
 * The executor's building of an entity fetch's representations, byte for byte as installed; replaced by
 * REPRESENTATIONS_REUSED in the plain executor.
 */
const REPRESENTATIONS_BUILT = `                const representations = [];
                const representationToEntity = [];
                entities.forEach((entity, index) => {
                    const representation = executeSelectionSet(context.supergraphSchema, entity, requires);
                    if (representation && representation[graphql_1.TypeNameMetaFieldDef.name]) {
                        (0, dataRewrites_1.applyRewrites)(context.supergraphSchema, fetch.inputRewrites, representation);
                        representations.push(representation);
                        representationToEntity.push(index);
                    }
                });
`;

/**
 * The same block, but a fetch whose entities would build the very representations it built last reuses
 * them: the installed block itself, its two lists declared before it, runs only when they do not.
 */
const REPRESENTATIONS_REUSED = `                let representations = sameRepresentations(context.supergraphSchema, fetch, entities);
                let representationToEntity;
                if (representations) {
                    representationToEntity = entities.map((_, index) => index);
                }
                else {
${REPRESENTATIONS_BUILT.replace("const representations = [];", "representations = [];").replace(
  "const representationToEntity = [];",
  "representationToEntity = [];",
)}                keepRepresentations(fetch, entities, representations);
                }
`;

/**
 * The executor never writes into a subgraph's answer, so callers merged into one subgraph request all read
 * the one parsed tree (subgraph-client.ts), with no copy each. Apollo's executor writes into what it
 * receives: it adopts an answer's objects into the result by reference and later fetches merge into them
 * (a regency gets its coverage), and it sets a received entity's __typename and rewrites. Here it copies on
 * write: objects it made itself (the result's root and its copies, a Set kept on the request's context) are
 * its own; an object on the path to the entities a fetch merges into, or merged into, that is not its own
 * is replaced in its parent by a shallow copy first (a national table: the 514 regencies and their list, not their 10,000 figures); a
 * received entity it would write to is copied, whole when the fetch rewrites its output. What each caller
 * ends with is the same tree as before, in the same order. [text, its replacement, how many times it is there].
 */
const COPY_ON_WRITE: [string, string, number][] = [
  [
    "function flattenResultsAtPath(value, path) {\n",
    `/**
 * A shallow copy: the same own fields in the same order, "__proto__" kept an own field. Filled field by
 * field: a spread's clone shares its source's map, and adding a field to it (a regency's coverage) is ten
 * times slower.
 */
function shallowCopy(value) {
    if (Array.isArray(value))
        return value.slice();
    const copy = {};
    for (const key of Object.keys(value)) {
        if (key === "__proto__")
            Object.defineProperty(copy, key, { value: value[key], enumerable: true, writable: true, configurable: true });
        else
            copy[key] = value[key];
    }
    return copy;
}
/** A shallow copy, among the request's own objects. */
function ownCopy(value, own) {
    const copy = shallowCopy(value);
    own.add(copy);
    return copy;
}
/** getOwn(parent, key) of an own parent, made own (copied into the parent) when it is an object. */
function ownedAt(parent, key, own) {
    if (!Object.prototype.hasOwnProperty.call(parent, key))
        return undefined;
    const child = parent[key];
    if (child === null || typeof child !== "object" || own.has(child))
        return child;
    const copy = ownCopy(child, own);
    parent[key] = copy;
    return copy;
}
/** flattenResultsAtPath from an own value, every object on the way and every entity reached made own. */
function ownedResultsAtPath(value, path, own) {
    if (path.length === 0) {
        if (Array.isArray(value))
            for (let index = 0; index < value.length; index += 1)
                ownedAt(value, index, own);
        return value;
    }
    if (value === undefined || value === null)
        return value;
    const [current, ...rest] = path;
    if (current === '@') {
        return value.flatMap((_, index) => ownedResultsAtPath(ownedAt(value, index, own), rest, own));
    }
    (0, federation_internals_1.assert)(typeof current === 'string', () => \`Unexpected \${typeof current} found in path\`);
    (0, federation_internals_1.assert)(!Array.isArray(value), () => \`Unexpected array in result for path element \${current}\`);
    return ownedResultsAtPath(ownedAt(value, current, own), rest, own);
}
/** As deepMerge's isObject (utilities/predicates). */
function isObjectValue(value) {
    return value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** deepMerge into an own target, copying what it writes into that is not its own. */
function mergeOwned(target, source, own) {
    if (source === undefined || source === null)
        return target;
    for (const key of Object.keys(source)) {
        const value = source[key];
        if (value === undefined)
            continue;
        (0, own_1.defineOwn)(target, key);
        const existing = target[key];
        if (existing && isObjectValue(value)) {
            mergeOwned(ownedAt(target, key, own), value, own);
        }
        else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
            const array = ownedAt(target, key, own);
            for (let i = 0; i < value.length; i++) {
                if (isObjectValue(array[i]) && isObjectValue(value[i]))
                    mergeOwned(ownedAt(array, i, own), value[i], own);
                else
                    array[i] = value[i];
            }
        }
        else {
            target[key] = value;
        }
    }
    return target;
}
/** A received tree the executor is to write into: a copy of it (its every object when it rewrites). */
function writableReceived(value, rewrites) {
    if (value === null || typeof value !== "object")
        return value;
    // Only its fields are merged into the result, never the entity itself: its copy need not be marked own.
    return rewrites && rewrites.length ? JSON.parse(JSON.stringify(value)) : shallowCopy(value);
}
function flattenResultsAtPath(value, path) {\n`,
    1,
  ],
  [
    "function moveIntoCursor(cursor, pathInCursor) {\n    const data = flattenResultsAtPath(cursor.data, pathInCursor);",
    "function moveIntoCursor(cursor, pathInCursor, own) {\n    const data = ownedResultsAtPath(cursor.data, pathInCursor, own);",
    1,
  ],
  [
    "moveIntoCursor(currentCursor, node.path)",
    "moveIntoCursor(currentCursor, node.path, context.ownObjects)",
    1,
  ],
  [
    "const unfilteredData = Object.create(null);",
    // The objects of this request's result that are its own: its root, and the copies made as it goes.
    "const unfilteredData = Object.create(null);\n            context.ownObjects = new Set([unfilteredData]);",
    1,
  ],
  [
    "const dataReceivedFromService = await sendOperation(variables);",
    "const received = await sendOperation(variables);\n                const dataReceivedFromService = fetch.outputRewrites && fetch.outputRewrites.length ? writableReceived(received, fetch.outputRewrites) : received;",
    1,
  ],
  [
    "(0, deepMerge_1.deepMerge)(entity, dataReceivedFromService);",
    "mergeOwned(entity, dataReceivedFromService, context.ownObjects);",
    1,
  ],
  [
    "const receivedEntity = receivedEntities[i];",
    `const receivedEntity = receivedEntities[i] && ((fetch.outputRewrites && fetch.outputRewrites.length) || !receivedEntities[i]["__typename"])
                        ? writableReceived(receivedEntities[i], fetch.outputRewrites)
                        : receivedEntities[i];`,
    1,
  ],
  [
    "(0, deepMerge_1.deepMerge)(entities[representationToEntity[i]], receivedEntity);",
    "mergeOwned(entities[representationToEntity[i]], receivedEntity, context.ownObjects);",
    1,
  ],
];

/** The executor's source with every `[text, replacement, times]` made, or null where a text is not there so. */
function replacedEverywhere(source: string, replacements: [string, string, number][]): string | null {
  let text = source;
  for (const [from, to, times] of replacements) {
    const parts = text.split(from);
    if (parts.length !== times + 1) return null;
    text = parts.join(to);
  }
  return text;
}

/**
 * The executor module compiled afresh from its installed source, executeSelectionSet exported (for tests),
 * and replaced by the plain-object one when `plain`. Its requires resolve as the installed module's do, so it
 * shares every other module (the operations memo above included).
 */
export function compiledExecutor(plain: boolean): {
  executeQueryPlan: unknown;
  executeSelectionSet: (schema: unknown, source: unknown, selections: readonly unknown[]) => unknown;
} & Partial<RepresentationReuse> {
  const source = readFileSync(EXECUTOR_PATH, "utf8");
  const found = representationBuilder(source);
  if (!found) assertApolloInternals();
  let text = source.replace(
    found!,
    plain ? PLAIN_REPRESENTATION_BUILDER : `${found}exports.executeSelectionSet = executeSelectionSet;\n`,
  );
  if (plain) {
    const parts = text.split(REPRESENTATIONS_BUILT);
    if (parts.length !== 2) assertApolloInternals();
    const copying = replacedEverywhere(parts.join(REPRESENTATIONS_REUSED), COPY_ON_WRITE);
    if (!copying) assertApolloInternals();
    text = copying!;
  }
  return compiled(text, EXECUTOR_PATH) as ReturnType<typeof compiledExecutor>;
}

const SHAPING_MODULE = "@apollo/gateway/dist/resultShaping";
const SHAPING_PATH = require.resolve(SHAPING_MODULE);
/** resultShaping.js of @apollo/gateway 2.14.4, byte for byte: the module changed below. */
const SHAPING_SHA256 = "eb49b81fe4ba3b7b44d24c6279d92aab2a148f89e93737a8671753156b1b8466";
const EXECUTOR_CALLS_SHAPING = "(0, resultShaping_1.computeResponse)(";
const isVerifiedShaping = (source: string) =>
  createHash("sha256").update(source).digest("hex") === SHAPING_SHA256;

/**
 * The result shaping's output objects made plain, with what a null prototype gave them kept: a response name
 * is read as the object's own field only (a field answered as "constructor" is not found on the prototype),
 * and a "__proto__" one is written as an own field. [text, its replacement, how many times it is there].
 */
const PLAIN_SHAPING: [string, string, number][] = [
  [
    "function computeResponse(",
    `const plainHasOwn = Object.prototype.hasOwnProperty;
function setOwn(output, responseName, value) {
    if (responseName === "__proto__")
        Object.defineProperty(output, responseName, { value, enumerable: true, writable: true, configurable: true });
    else
        output[responseName] = value;
}
function computeResponse(`,
    1,
  ],
  ["Object.create(null)", "{}", 2],
  // Every field of every object asks whether @skip or @include leaves it out: two filtered copies of the
  // element's directives. An element with no directive at all is never left out (both are then undefined).
  [
    "function shouldSkip(element, parameters) {\n",
    "function shouldSkip(element, parameters) {\n    if (element.appliedDirectives.length === 0)\n        return false;\n",
    1,
  ],
  [
    "const outputValue = output[responseName];",
    "const outputValue = plainHasOwn.call(output, responseName) ? output[responseName] : undefined;",
    1,
  ],
  [
    "output[responseName] = parameters.introspectionHandling(selection);",
    "setOwn(output, responseName, parameters.introspectionHandling(selection));",
    1,
  ],
  ["output[responseName] = type.name;", "setOwn(output, responseName, type.name);", 1],
  ["output[responseName] = updated;", "setOwn(output, responseName, updated);", 1],
];

/** The result shaping module compiled afresh from its installed source; with plain objects when `plain`. */
export function compiledShaping(plain: boolean): { computeResponse: unknown } {
  let text = readFileSync(SHAPING_PATH, "utf8");
  if (!isVerifiedShaping(text)) assertApolloInternals();
  if (plain)
    for (const [from, to, times] of PLAIN_SHAPING) {
      const parts = text.split(from);
      if (parts.length !== times + 1)
        throw new Error(`${SHAPING_MODULE}: "${from}" is not there ${times} times.`);
      text = parts.join(to);
    }
  if (!plain) return compiled(text, SHAPING_PATH) as { computeResponse: unknown };
  // Its every field of every answer reads federation-internals' helpers (isValidLeafValue, isSubtype, assert,
  // ...) through the package index, whose exports are getters: given here as plain values, read once. The
  // shaping uses none that anything replaces later.
  const federationInternals = createRequire(SHAPING_PATH)(FEDERATION_INTERNALS) as Record<string, unknown>;
  return compiled(text, SHAPING_PATH, { [FEDERATION_INTERNALS]: { ...federationInternals } }) as {
    computeResponse: unknown;
  };
}

const FEDERATION_INTERNALS = "@apollo/federation-internals";

/**
 * A CommonJS module's text run as that file would be: its requires resolve from where it is, but for the
 * modules `given`.
 */
function compiled(text: string, path: string, given: Record<string, unknown> = {}): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const resolve = createRequire(path);
  const requireHere = Object.assign((id: string) => (id in given ? given[id] : resolve(id)), resolve);
  compileFunction(text, ["exports", "require", "module", "__filename", "__dirname"], { filename: path })(
    module.exports,
    requireHere,
    module,
    path,
    dirname(path),
  );
  return module.exports;
}

/** What the plain executor exports of its reuse of representations (REUSED_REPRESENTATIONS), for tests too. */
export interface RepresentationReuse {
  sameRepresentations(schema: unknown, fetch: object, entities: readonly unknown[]): unknown[] | null;
  keepRepresentations(fetch: object, entities: readonly unknown[], representations: unknown[]): void;
  keptLists: WeakSet<object>;
  reusedLists: WeakSet<object>;
}

/** The reuse of the executor ApolloGateway runs, once plainObjectExecution has installed it. */
let reuse: RepresentationReuse | undefined;
export const installedRepresentationReuse = (): RepresentationReuse | undefined => reuse;
/** A kept representation list -> the body it was first sent in, and that body's other parts as JSON. */
const sentBodies = new WeakMap<object, { rest: string; body: string }>();

/**
 * A subgraph request's body: JSON.stringify(request), byte for byte. A representation list the executor gave
 * again (REUSED_REPRESENTATIONS) is not serialised again: the body it was first sent in is, when the rest of
 * the request (query, other variables, operation name) serialises as it did then.
 */
export function subgraphRequestBody(request: { variables?: Record<string, unknown> }): string {
  const list = request.variables?.representations;
  if (!reuse || !Array.isArray(list) || !reuse.keptLists.has(list)) return JSON.stringify(request);
  const rest = JSON.stringify({ ...request, variables: { ...request.variables, representations: null } });
  const sent = sentBodies.get(list);
  if (sent && sent.rest === rest && reuse.reusedLists.has(list)) return sent.body;
  const body = JSON.stringify(request);
  sentBodies.set(list, { rest, body });
  return body;
}

let plainRepresentations = false;

/** ApolloGateway runs its plans with the executor whose representations are plain objects. */
export function plainObjectExecution(): void {
  if (plainRepresentations) return;
  plainRepresentations = true;
  const executor = compiledExecutor(true);
  reuse = executor as RepresentationReuse;
  (gatewayExecutor as { executeQueryPlan: unknown }).executeQueryPlan = executor.executeQueryPlan;
  // The executor calls computeResponse through this module's export, read at each call (EXECUTOR_CALLS_SHAPING).
  (resultShaping as { computeResponse: unknown }).computeResponse = compiledShaping(true).computeResponse;
}

/** The version of @apollo/gateway that node resolves here. */
export function installedApolloGatewayVersion(): string {
  return (
    JSON.parse(readFileSync(require.resolve("@apollo/gateway/package.json"), "utf8")) as { version: string }
  ).version;
}

/** Stops the gateway at start when an installed @apollo/gateway no longer has what this module patches. */
export function assertApolloInternals(missing: string[] = missingApolloInternals()): void {
  if (!missing.length) return;
  const installed = installedApolloGatewayVersion();
  throw new Error(
    `@apollo/gateway ${installed} lacks what gateway/src/apollo-internals.ts relies on ` +
      `(verified with ${VERIFIED_APOLLO_GATEWAY_VERSION}): ${missing.join(", ")}. ` +
      `Pin @apollo/gateway and @apollo/federation-internals back to ${VERIFIED_APOLLO_GATEWAY_VERSION}, ` +
      "or adapt that module to the new version.",
  );
}

/** Sends the data source's requests with `sendRequest` instead of its private node-fetch path. */
export function replaceSendRequest<Context extends object>(
  dataSource: RemoteGraphQLDataSource<Context>,
  sendRequest: (request: GatewayGraphQLRequest) => Promise<GatewayGraphQLResponse>,
): void {
  (dataSource as unknown as DataSourceInternals).sendRequest = sendRequest;
}

/**
 * The supergraph declares who may do what with federation's @authenticated and @requiresScopes, for readers
 * and for routers that enforce them. @apollo/gateway refuses to load a supergraph linking SECURITY features
 * it does not enforce itself. Here enforcement is in every subgraph (type-graphql @Authorized on the same
 * fields, proven by test/e2e/security), so the gateway is let load the documented supergraph: this mirrors
 * its own createSchemaFromSupergraphSdl, with the router's list of supported features.
 */
export function acceptDocumentedSecurityDirectives(gateway: ApolloGateway): void {
  const internals = gateway as unknown as GatewayInternals;
  if (typeof internals.config !== "object")
    throw new Error("ApolloGateway has no config: see apollo-internals.ts.");
  internals.createSchemaFromSupergraphSdl = (sdl: string) => {
    const supergraph = Supergraph.build(sdl, {
      supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES,
      validateSupergraph: internals.config.validateSupergraph ?? process.env.NODE_ENV !== "production",
    });
    internals.createServices(supergraph.subgraphsMetadata());
    return { supergraph, supergraphSdl: sdl };
  };
}

interface PlanningInternals {
  apiSchema?: Schema;
  queryPlanner?: { buildQueryPlan(operation: unknown, options: object): unknown };
  queryPlanStore?: { set(key: string, plan: unknown): Promise<void> };
  recursiveSelectionsLimitDisabled?: boolean;
  nonLocalSelectionsLimitDisabled?: boolean;
}

/** What planning ahead did, and how many operations the gateway planned on a request since. */
export interface PlanStats {
  /** Operations planned at start. */
  warmed: number;
  /** Operations that could not be planned at start, with why (each is planned, and refused, on request). */
  failed: { name: string; reason: string }[];
  /** Plans built on a request: a first caller paid for planning. */
  plannedOnRequest: number;
}

/**
 * Plans each operation once, before any caller asks, and keeps the plan where ApolloGateway's executor looks
 * for it: sha256(queryHash + operationName) when a name is sent (as persisted operations always are), else
 * queryHash, the sha256 of the text Apollo Server computes. Call after the server has started (the gateway has
 * loaded its schema). Counts every plan built afterwards, on a request, in plannedOnRequest.
 */
export async function warmQueryPlans(
  gateway: ApolloGateway,
  operations: { name: string; body: string }[],
): Promise<PlanStats> {
  const internals = gateway as unknown as PlanningInternals;
  const { apiSchema, queryPlanner, queryPlanStore } = internals;
  if (!apiSchema || typeof queryPlanner?.buildQueryPlan !== "function" || !queryPlanStore?.set)
    throw new Error(
      "ApolloGateway has no apiSchema, queryPlanner or queryPlanStore after start: see apollo-internals.ts.",
    );
  const stats: PlanStats = { warmed: 0, failed: [], plannedOnRequest: 0 };
  const options = {
    recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
    nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
  };
  const build = queryPlanner.buildQueryPlan.bind(queryPlanner);
  for (const { name, body } of operations) {
    try {
      const plan = build(operationFromDocument(apiSchema, parse(body), { operationName: name }), options);
      const queryHash = createHash("sha256").update(body).digest("hex");
      await queryPlanStore.set(createHash("sha256").update(queryHash).update(name).digest("hex"), plan);
      await queryPlanStore.set(queryHash, plan);
      stats.warmed += 1;
    } catch (error) {
      stats.failed.push({ name, reason: (error as Error).message });
    }
  }
  queryPlanner.buildQueryPlan = (operation, planOptions) => {
    stats.plannedOnRequest += 1;
    return build(operation, planOptions);
  };
  return stats;
}

let reusingOperations = false;

/**
 * ApolloGateway's executor turns the request's parsed operation into federation's Operation on every request
 * (executeQueryPlan: operationFromDocument(apiSchema, { operation, ...fragments }, { validate: false })),
 * though Apollo Server hands it the very same parsed document for the same text (its document store): for an
 * Excel batch of 200 aliases that rebuild was a tenth of the gateway's CPU. The executor only reads the
 * Operation (its selections, variable definitions; variables are applied per request), so the one built for
 * a parsed operation node is kept with that node, and given again while the schema and fragments are the same
 * objects. Calls that validate (planning) are left as they were.
 */
export function reuseExecutedOperations(): void {
  if (reusingOperations) return;
  reusingOperations = true;
  const operations = operationsModule();
  const build = operations.operationFromDocument;
  const built = new WeakMap<
    DefinitionNode,
    { schema: Schema; definitions: readonly DefinitionNode[]; operation: Operation }
  >();
  operations.operationFromDocument = (
    schema: Schema,
    document: DocumentNode,
    options?: Parameters<typeof operationFromDocument>[2],
  ): Operation => {
    const first = document.definitions[0];
    if (options?.validate !== false || options.operationName !== undefined || !first)
      return build(schema, document, options);
    const kept = built.get(first);
    if (
      kept &&
      kept.schema === schema &&
      kept.definitions.length === document.definitions.length &&
      kept.definitions.every((definition, index) => definition === document.definitions[index])
    )
      return kept.operation;
    const operation = build(schema, document, options);
    built.set(first, { schema, definitions: [...document.definitions], operation });
    return operation;
  };
}

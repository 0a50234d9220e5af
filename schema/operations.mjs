// The GraphQL operations our own clients send (the dashboard, the Excel add-in), read from their .graphql
// files at build time: bundled into the client as { name, id, body, field, variables } and listed in a
// persisted-operation manifest (Apollo's format: format, version, operations[{ id, name, type, body }]) that
// the gateway accepts by id. The id is the SHA-256 of the body, as Apollo's and GraphQL Yoga's clients use.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Kind, parse, print } from "graphql";

export const MANIFEST_FILE = "persisted-operations.json";

/** The operations of one .graphql file, keyed by name; each is sent alone, with the fragments it uses. */
export function operationsOf(text, file = "document") {
  const document = parse(text);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const operations = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = definition.name?.value;
    if (!name) throw new Error(`${file}: every operation needs a name (it is registered by it).`);
    if (operations[name]) throw new Error(`${file}: two operations are named ${name}.`);
    const used = [];
    const spreads = (node) => [...print(node).matchAll(/\.\.\.\s*([_A-Za-z]\w*)/g)].map((m) => m[1]);
    for (let pending = spreads(definition); pending.length;) {
      const fragment = fragments.find((f) => f.name.value === pending[0]);
      pending = pending.slice(1);
      if (!fragment || used.includes(fragment)) continue;
      used.push(fragment);
      pending.push(...spreads(fragment));
    }
    const body = print({ kind: Kind.DOCUMENT, definitions: [definition, ...used] });
    const roots = definition.selectionSet.selections;
    operations[name] = {
      name,
      type: definition.operation,
      body,
      id: createHash("sha256").update(body).digest("hex"),
      // An operation of one root field and no fragment can be batched under aliases (the add-in does).
      field:
        roots.length === 1 && roots[0].kind === Kind.FIELD && !used.length
          ? print(roots[0]).replace(/\s+/g, " ")
          : null,
      variables: Object.fromEntries(
        (definition.variableDefinitions ?? []).map((v) => [v.variable.name.value, print(v.type)]),
      ),
    };
  }
  return operations;
}

export function manifestOf(operations) {
  const list = [...operations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const json = {
    format: "apollo-persisted-query-manifest",
    version: 1,
    operations: list.map(({ id, name, type, body }) => ({ id, name, type, body })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A bundler plugin's worth: the module a .graphql import becomes, and every operation seen so far. */
export function operationCollector() {
  const seen = new Map();
  return {
    module(path) {
      const operations = operationsOf(readFileSync(path, "utf8"), path);
      for (const operation of Object.values(operations)) {
        const other = seen.get(operation.name);
        if (other && other.id !== operation.id)
          throw new Error(`Two different operations are named ${operation.name}.`);
        seen.set(operation.name, operation);
      }
      return `export default ${JSON.stringify(operations)};\n`;
    },
    manifest: () => manifestOf(seen.values()),
  };
}

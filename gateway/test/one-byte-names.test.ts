import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { type FieldDefinitionNode, parse, visit } from "graphql";
import { describe, expect, it } from "vitest";
import { keepNamesOneByte } from "../src/one-byte-names";

const SUPERGRAPH = join(import.meta.dirname, "..", "..", "schema", "supergraph.graphql");
/** V8's serialiser tags a string stored at one byte a character '"', at two bytes 'c'. */
const isOneByte = (text: string) => serialize(text)[2] === '"'.charCodeAt(0);

/** The field names graphql-js reads out of the SDL long enough to stay slices of it (V8 copies shorter ones). */
function slicedFieldNames(sdl: string): string[] {
  const names: string[] = [];
  visit(parse(sdl), {
    FieldDefinition(node: FieldDefinitionNode) {
      if (node.name.value.length >= 13) names.push(node.name.value);
    },
  });
  return names;
}

// No field name of the supergraph is written in this file: V8 would internalize it, one-byte, as it compiles it.
describe("names of a supergraph with characters beyond Latin-1", () => {
  const sdl = readFileSync(SUPERGRAPH, "utf8");

  it("are read out of it at two bytes a character", () => {
    expect([...sdl].some((character) => character.charCodeAt(0) > 0xff)).toBe(true);
    expect(slicedFieldNames(sdl).filter((name) => !isOneByte(name)).length).toBeGreaterThan(0);
  });

  it("are one-byte strings wherever they become object keys, an answer's included, once kept", () => {
    keepNamesOneByte(sdl);
    const answer = Object.fromEntries(slicedFieldNames(sdl).map((name) => [name, 1]));
    const twoByteKeys = Object.keys(answer).filter((key) => !isOneByte(key));
    expect(twoByteKeys).toEqual([]);
    expect(isOneByte(JSON.stringify(answer))).toBe(true);
  });
});

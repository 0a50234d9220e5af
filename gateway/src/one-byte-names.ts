/** A GraphQL name, as the spec spells it; matched anywhere in the text (description words too, harmlessly). */
const NAME = /[_A-Za-z][_0-9A-Za-z]*/g;

/** The one-byte copies internalized by keepNamesOneByte: V8's string table holds its strings only weakly. */
const kept: Record<string, true> = Object.create(null) as Record<string, true>;

/**
 * Makes every name of `sdl` a one-byte string wherever it becomes an object key, before graphql-js reads the
 * SDL. V8 stores a text with any character beyond Latin-1 (the supergraph's descriptions have an en dash) at
 * two bytes a character, and every slice of it too: the names the lexer reads out of it. The first time such a
 * name becomes a property key it is internalized as it is, and from then on every object key of that name, in
 * every answer, is that two-byte string. JSON.stringify writes a whole answer at two bytes a character once it
 * meets one: a national table's 80 KB answer became 160 KB, large enough to be allocated outside the young
 * generation (fresh pages, each faulted in), and transcoded once more to UTF-8 on the socket. A one-byte copy of
 * each name internalized first is what every later key of that name resolves to.
 */
export function keepNamesOneByte(sdl: string): void {
  for (const [name] of sdl.matchAll(NAME)) kept[Buffer.from(name, "latin1").toString("latin1")] = true;
}

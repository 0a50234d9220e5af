/**
 * The `@tag` a subgraph puts on every field whose answer holds personal data (NIK, names, birth dates, who
 * did what) or whose read is audited. The tag travels into the supergraph, where the gateway reads it: an
 * operation that touches such a field is never answered from, nor kept in, the response cache, whoever asks.
 */
export const PERSONAL_DATA_TAG = "personal-data";

/** The directive as subgraphs write it: `@Directive(PERSONAL_DATA_DIRECTIVE)`. */
export const PERSONAL_DATA_DIRECTIVE = `@tag(name: "${PERSONAL_DATA_TAG}")`;

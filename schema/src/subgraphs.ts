import { awardsSubgraph } from "@cakupan/awards";
import { participantsSubgraph } from "@cakupan/participants";
import { regenciesSubgraph } from "@cakupan/regencies";
import type { SubgraphDefinition } from "@cakupan/kit";

/** Every subgraph of the platform, with the port it listens on by default and the entry point that starts it alone. */
export interface SubgraphService {
  definition: SubgraphDefinition;
  /** The compiled entry point, relative to the repository root. */
  main: string;
}

export const SUBGRAPHS: SubgraphService[] = [
  { definition: regenciesSubgraph, main: "subgraphs/regencies/dist/main.js" },
  { definition: participantsSubgraph, main: "subgraphs/participants/dist/main.js" },
  { definition: awardsSubgraph, main: "subgraphs/awards/dist/main.js" },
];

/** The routing URL written into the supergraph; the gateway can override each with SUBGRAPH_<NAME>_URL. */
export function defaultRoutingUrl(definition: SubgraphDefinition): string {
  return `http://127.0.0.1:${definition.defaultPort}/graphql`;
}

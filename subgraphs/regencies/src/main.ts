import "./tracing";
import { runSubgraphService } from "@cakupan/kit";
import { regenciesSubgraph } from "./index";

runSubgraphService(regenciesSubgraph);

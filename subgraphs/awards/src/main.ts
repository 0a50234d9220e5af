import "./tracing";
import { runSubgraphService } from "@cakupan/kit";
import { awardsSubgraph } from "./index";

runSubgraphService(awardsSubgraph);

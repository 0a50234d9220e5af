import "./tracing";
import { runSubgraphService } from "@cakupan/kit";
import { participantsSubgraph } from "./index";

runSubgraphService(participantsSubgraph);

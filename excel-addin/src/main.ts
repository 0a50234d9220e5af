import { gatewayFromSettings, useJsk } from "./functions/functions";
import { Jsk } from "./functions/jsk";
import { initTaskpane } from "./taskpane/taskpane";

/**
 * One script for the shared runtime: the JSK functions (registered on load) and the task pane share one
 * Jsk, so cells and the pane use one region directory and one batcher.
 */
const jsk = new Jsk(gatewayFromSettings);
useJsk(jsk);

if (typeof Office !== "undefined") {
  Office.onReady(() => {
    if (document.getElementById("pick")) void initTaskpane(jsk);
  });
}

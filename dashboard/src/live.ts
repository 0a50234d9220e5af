import { GATEWAY_ROUTES } from "@cakupan/core";

/**
 * The gateway's stream of "coverage changed" events (/live/coverage): codes only, never figures. The page
 * refetches what it shows when a regency in view changed. EventSource reconnects by itself; after a
 * reconnection the view is refetched, since an event may have been missed meanwhile.
 */
export function followCoverage(
  onChange: (regencyCode: string) => void,
  onStatus: (connected: boolean) => void,
): () => void {
  const source = new EventSource(new URL(`..${GATEWAY_ROUTES.liveCoverage}`, document.baseURI).href);
  let wasOpen = false;
  source.addEventListener("open", () => {
    if (wasOpen) onChange("*");
    wasOpen = true;
    onStatus(true);
  });
  source.addEventListener("error", () => onStatus(false));
  source.addEventListener("coverage", (event) => {
    try {
      onChange((JSON.parse((event as MessageEvent<string>).data) as { regencyCode: string }).regencyCode);
    } catch {
      // an event this version does not understand
    }
  });
  return () => source.close();
}

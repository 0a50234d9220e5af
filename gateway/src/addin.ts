import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY_ROUTES } from "@cakupan/core";
import express, { type Express } from "express";

export const DEFAULT_ADDIN_DIR = join(__dirname, "..", "..", "excel-addin");

/** The origin the committed manifest names; served manifests name the gateway's own origin instead. */
export const MANIFEST_ORIGIN = "https://localhost:4000";

/**
 * The Excel add-in from the gateway: one URL is all a planner needs. /addin/manifest.xml is the
 * manifest with this gateway's origin; /addin/* the built files (excel-addin/dist).
 */
export function addinRoutes(app: Express, addinDir = DEFAULT_ADDIN_DIR): void {
  const dist = join(addinDir, "dist");
  app.get(`${GATEWAY_ROUTES.addin}/manifest.xml`, (request, response) => {
    const manifest = readFileSync(join(addinDir, "manifest.xml"), "utf8");
    const origin = `${request.protocol}://${request.get("host")}`;
    response
      .type("application/xml")
      .set("cache-control", "no-store")
      .send(manifest.split(MANIFEST_ORIGIN).join(origin));
  });
  if (existsSync(dist)) {
    app.use(GATEWAY_ROUTES.addin, express.static(dist, { fallthrough: true, maxAge: 0 }));
  } else {
    app.use(GATEWAY_ROUTES.addin, (_request, response) => {
      response.status(503).type("text/plain").send("The add-in is not built: run npm run build.\n");
    });
  }
}

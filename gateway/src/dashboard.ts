import { existsSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY_ROUTES } from "@cakupan/core";
import express, { type Express } from "express";

export const DEFAULT_DASHBOARD_DIR = join(__dirname, "..", "..", "dashboard");

/**
 * The coverage dashboard from the gateway: /dashboard/ serves dashboard/dist (built by Vite). Its state is
 * in the query string (?view=province&place=16&asOf=2025-07-31&lang=en), so one index.html serves every view.
 */
export function dashboardRoutes(app: Express, dashboardDir = DEFAULT_DASHBOARD_DIR): void {
  const dist = join(dashboardDir, "dist");
  app.get(GATEWAY_ROUTES.dashboard, (request, response, next) => {
    // Without strict routing this route also matches /dashboard/: only the bare path is sent on.
    if (request.originalUrl.split("?")[0].endsWith("/")) return next();
    const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
    response.redirect(301, `/dashboard/${query}`);
  });
  if (!existsSync(dist)) {
    app.use(GATEWAY_ROUTES.dashboard, (_request, response) => {
      response.status(503).type("text/plain").send("The dashboard is not built: run npm run build.\n");
    });
    return;
  }
  // Hashed assets never change; index.html names the current ones, so it is asked for again every time.
  app.use(
    `${GATEWAY_ROUTES.dashboard}/assets`,
    express.static(join(dist, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }),
  );
  app.use(GATEWAY_ROUTES.dashboard, express.static(dist, { maxAge: 0, index: "index.html" }));
}

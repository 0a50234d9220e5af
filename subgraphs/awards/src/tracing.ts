// First import of main.ts: OpenTelemetry must patch http and pg before anything loads them.
import { startTelemetry } from "@cakupan/observability/telemetry";

startTelemetry("awards");

// First import of main.ts: OpenTelemetry must patch http and undici before anything loads them.
import { startTelemetry } from "@cakupan/observability/telemetry";

startTelemetry("gateway");

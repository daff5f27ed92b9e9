/**
 * @cortex-mem/service — the Cortex Memory engine over HTTP (express 5): `createApp` for embedding
 * in your own server, `startService` to listen, and the `cortex-mem-service` bin.
 */
export { createApp } from "./app.js";
export type { ServiceDeps } from "./app.js";
export { startService } from "./service.js";
export type { RunningService, StartServiceOptions } from "./service.js";
export { findRunningService, readServiceFile, serviceFilePath } from "./service-file.js";
export type { ServiceFile } from "./service-file.js";
export { createJsonLogger, silentLogger } from "./logger.js";
export type { LogFields, Logger, LogLevel, LogSink } from "./logger.js";
export { buildOpenApiDocument } from "./openapi/document.js";
export { ROUTES } from "./routes/all-routes.js";
export type { RouteSpec } from "./routes/route-spec.js";
export { Metrics } from "./metrics.js";
export { probeModels } from "./llm-status.js";
export type { ModelStatus } from "./llm-status.js";

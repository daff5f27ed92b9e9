/**
 * @cortex-mem/reliability — shared harness of the reliability and security suite: spawning the
 * built doors, the crash writer and its acknowledgement protocol, raw checks of the SQLite file,
 * and process measurements. The suites themselves live in `test/`.
 */
export { assertBuilt, binPaths } from "./bins.js";
export type { BinPaths } from "./bins.js";
export { makeHome } from "./home.js";
export type { TempHome } from "./home.js";
export { spawnService } from "./service-process.js";
export type { ServiceProcess } from "./service-process.js";
export { connectMcpProcess } from "./mcp-process.js";
export type { McpProcess } from "./mcp-process.js";
export { runCli } from "./cli-run.js";
export type { CliResult } from "./cli-run.js";
export { crashLineSchema, foldAcks } from "./crash-protocol.js";
export type { CrashLine, Expected } from "./crash-protocol.js";
export { openHome, verifyHome } from "./crash-verify.js";
export type { CrashVerdict } from "./crash-verify.js";
export { runCrashRounds } from "./crash-rounds.js";
export type { CrashOptions, CrashReport } from "./crash-rounds.js";
export { checkDbFile, storeDigest } from "./store-file.js";
export type { FileCheck } from "./store-file.js";
export { seededRandom, spread } from "./random.js";
export { contractBreach, errorBodySchema, send } from "./http-json.js";
export type { HttpReply } from "./http-json.js";
export { FAULTS, expectedAdd, replyFor } from "./fault-model.js";
export type { AddOutcome, Fault, ProviderCode } from "./fault-model.js";
export { closedLoop, openLoop, rssKb } from "./load.js";
export type { LoadRequest, LoadResult } from "./load.js";

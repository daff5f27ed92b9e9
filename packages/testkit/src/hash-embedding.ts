// Deterministic stand-in embeddings: a signed hashed bag-of-words, so texts sharing words are close.

/** Default embedding dimension of the fake server. */
export const DEFAULT_DIMENSIONS = 64;

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The fake server's default embedding: lower-cased words (letters/digits) are hashed into
 * `dimensions` buckets with a hashed sign, then the vector is L2-normalised. Texts sharing words
 * get a high cosine similarity; unrelated texts are near-orthogonal. Text without words hashes as
 * a single token, so every result is a unit vector. Components are rounded to float32, so the
 * vector survives the SDK's base64 float32 transport unchanged — tests can compare with `toEqual`.
 */
export function hashEmbedding(text: string, dimensions: number = DEFAULT_DIMENSIONS): number[] {
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  }
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words) {
    const index = fnv1a(word) % dimensions;
    const sign = fnv1a(word, 0x9747b28c) & 1 ? 1 : -1;
    vector[index] = (vector[index] ?? 0) + sign;
  }
  let norm = Math.hypot(...vector);
  if (norm === 0) {
    // Every word cancelled out (same bucket, opposite signs): fall back to one bucket.
    vector[fnv1a(text) % dimensions] = 1;
    norm = 1;
  }
  return vector.map((x) => Math.fround(x / norm));
}

/**
 * Encode a vector the way the OpenAI API does for `encoding_format: "base64"`: the base64 of its
 * little-endian float32 bytes (values are rounded to float32).
 */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => bytes.writeFloatLE(x, i * 4));
  return bytes.toString("base64");
}

/** Decode `encodeFloat32Base64` output back into numbers (the inverse the SDK applies). */
export function decodeFloat32Base64(encoded: string): number[] {
  const bytes = Buffer.from(encoded, "base64");
  const out: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) out.push(bytes.readFloatLE(offset));
  return out;
}

/** Float32 vector → its bytes (a copy: the vector may be a view into a larger buffer). */
export function vectorToBytes(v: Float32Array): Buffer {
  return Buffer.from(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}

/** Bytes → float32 vector, copied so alignment is always right; the byte length must be a multiple of 4. */
export function bytesToVector(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** Float32 vector → base64 of its bytes (export lines, and what OpenAI-compatible servers send). */
export function vectorToBase64(v: Float32Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
}

/** Base64 → the bytes of a float32 vector (check the length, then {@link bytesToVector}). */
export function base64ToBytes(text: string): Buffer {
  return Buffer.from(text, "base64");
}

/**
 * A value made on its first use, then kept: for zod schemas and shapes that only some commands
 * need, since building them at import cost every cold process start-up time (issue 14).
 */
export function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

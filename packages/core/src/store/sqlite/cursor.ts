import { CortexMemError, ErrorCode } from "../../errors.js";

/** Opaque page cursor: the sort key of the last row shown. */
export function encodeCursor(createdAt: number, rid: number): string {
  return Buffer.from(JSON.stringify([createdAt, rid])).toString("base64url");
}

/** Reads a cursor back; anything else is a `VALIDATION` error. */
export function decodeCursor(cursor: string): [number, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n)))
      return value as [number, number];
  } catch {
    // fall through to the error below
  }
  throw new CortexMemError(ErrorCode.VALIDATION, "Invalid cursor: pass back the next_cursor of a previous page", {
    details: [{ path: "cursor", message: "invalid cursor" }],
  });
}

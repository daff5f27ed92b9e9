import { CortexMemError, ErrorCode } from "../../errors.js";

/** Where a page ended: the sort key of its last memory and the ids already shown with that key. */
export interface PageMark {
  key: number;
  seen: string[];
}

/** Opaque page cursor of the Qdrant store. */
export function encodeMark(mark: PageMark): string {
  return Buffer.from(JSON.stringify({ k: mark.key, s: mark.seen })).toString("base64url");
}

/** Reads a cursor back; anything else is a `VALIDATION` error. */
export function decodeMark(cursor: string): PageMark {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { k?: unknown; s?: unknown };
    if (Number.isSafeInteger(value.k) && Array.isArray(value.s) && value.s.every((id) => typeof id === "string")) {
      return { key: value.k as number, seen: value.s as string[] };
    }
  } catch {
    // reported below
  }
  throw new CortexMemError(ErrorCode.VALIDATION, "Invalid cursor: pass back the next_cursor of a previous page", {
    details: [{ path: "cursor", message: "invalid cursor" }],
  });
}

/** The mark after a page: ids sharing the last key accumulate, so equal keys never repeat or vanish across pages. */
export function nextMark(previous: PageMark | undefined, page: { id: string; key: number }[]): PageMark | undefined {
  const last = page[page.length - 1];
  if (!last) return undefined;
  const seen = page.filter((p) => p.key === last.key).map((p) => p.id);
  if (previous && previous.key === last.key) seen.unshift(...previous.seen);
  return { key: last.key, seen };
}

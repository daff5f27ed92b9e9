import type { Schemas } from "@qdrant/js-client-rest";
import type { QdrantConnection } from "./qdrant-connection.js";
import type { PageMark } from "./qdrant-cursor.js";
import type { QdrantFilter } from "./qdrant-filter.js";
import { withConditions } from "./qdrant-filter.js";
import { pointId } from "./point-id.js";

/** A point as scroll and retrieve return it. */
export type QdrantRecord = Schemas["Record"];

/** What to read of each point. */
export interface ReadShape {
  payload: boolean | string[];
  vector?: string[];
}

/** Every point matching `filter`, page by page (unordered, cheapest). */
export async function* scrollAll(
  conn: QdrantConnection,
  collection: string,
  filter: QdrantFilter,
  shape: ReadShape,
  pageSize = 256,
): AsyncIterable<QdrantRecord[]> {
  let offset: Schemas["ExtendedPointId"] | undefined;
  for (;;) {
    const page = await conn.call(`read ${collection}`, (c) =>
      c.scroll(collection, {
        filter,
        limit: pageSize,
        with_payload: shape.payload,
        with_vector: shape.vector ?? false,
        ...(offset !== undefined ? { offset } : {}),
      }),
    );
    if (page.points.length) yield page.points;
    const next = page.next_page_offset;
    if (next === undefined || next === null || typeof next === "object") return;
    offset = next;
  }
}

/** All points matching `filter`, in one array. */
export async function collectAll(
  conn: QdrantConnection,
  collection: string,
  filter: QdrantFilter,
  shape: ReadShape,
): Promise<QdrantRecord[]> {
  const out: QdrantRecord[] = [];
  for await (const page of scrollAll(conn, collection, filter, shape)) out.push(...page);
  return out;
}

/**
 * One page ordered by `sort_key`, continuing after `mark`: keys past the mark's, or equal to it
 * but not yet seen. Returns up to `limit` points and whether more follow.
 */
export async function orderedPage(
  conn: QdrantConnection,
  collection: string,
  filter: QdrantFilter,
  page: { direction: "asc" | "desc"; limit: number; mark?: PageMark; shape: ReadShape },
): Promise<{ points: QdrantRecord[]; more: boolean }> {
  const { mark, direction } = page;
  const bounded = mark
    ? withConditions(
        filter,
        [{ key: "sort_key", range: direction === "desc" ? { lte: mark.key } : { gte: mark.key } }],
        mark.seen.length ? [{ has_id: mark.seen.map(pointId) }] : [],
      )
    : filter;
  const result = await conn.call(`read ${collection}`, (c) =>
    c.scroll(collection, {
      filter: bounded,
      limit: page.limit + 1,
      order_by: { key: "sort_key", direction, ...(mark ? { start_from: mark.key } : {}) },
      with_payload: page.shape.payload,
      with_vector: page.shape.vector ?? false,
    }),
  );
  return { points: result.points.slice(0, page.limit), more: result.points.length > page.limit };
}

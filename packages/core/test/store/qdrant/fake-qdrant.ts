import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { onCleanup } from "../../helpers.js";

/** A point the fake answers a query with: its score and payload. */
export interface FakePoint {
  score: number;
  payload: Record<string, unknown>;
}

/**
 * A loopback HTTP server answering the few Qdrant REST calls a store's `init` and a query make:
 * collections exist (dense size `dims`), indexes and the settings point are accepted, and
 * `POST /collections/<c>/points/query` answers the given points, best first, cut to the request's
 * `limit` and payload keys. Every query body is kept in `queries`. Not an imitation of Qdrant's
 * scoring: the test says which points score what.
 */
export async function fakeQdrant(
  dims: number,
  points: FakePoint[],
): Promise<{ url: string; queries: Record<string, unknown>[] }> {
  const queries: Record<string, unknown>[] = [];
  const answer = (res: ServerResponse, result: unknown): void => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok", time: 0, result }));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (path.endsWith("/exists")) return answer(res, { exists: true });
      if (req.method === "GET" && /^\/collections\/[^/]+$/.test(path))
        return answer(res, { config: { params: { vectors: { dense: { size: dims } } } } });
      if (path.endsWith("/points/query")) {
        const q = JSON.parse(body) as { limit: number; with_payload: string[] };
        queries.push(q);
        const top = [...points].sort((a, b) => b.score - a.score).slice(0, q.limit);
        const keep = (p: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(p).filter(([k]) => q.with_payload.includes(k)));
        return answer(res, {
          points: top.map((p, i) => ({ id: i + 1, version: 0, score: p.score, payload: keep(p.payload) })),
        });
      }
      // Retrieve of the settings point: none yet. Index creation, upserts: accepted.
      if (req.method === "POST" && path.endsWith("/points")) return answer(res, []);
      return answer(res, { operation_id: 0, status: "completed" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, queries };
}

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The part of autocannon's result the benchmarks read. */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** One request autocannon may send. */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: LoadResult) => void) => unknown;

/**
 * Drives `url` with autocannon from this process (a different process from the server):
 * bounded by `seconds`, `connections` concurrent, cycling through `requests`.
 */
export function load(url: string, requests: LoadRequest[], seconds: number, connections = 10): Promise<LoadResult> {
  const autocannon = require("autocannon") as Autocannon;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: requests.map((r) => ({ ...r, headers: { "content-type": "application/json", ...r.headers } })),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

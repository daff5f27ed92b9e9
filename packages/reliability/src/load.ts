import { readFileSync } from "node:fs";

/** The resident set size of a process in KiB (`VmRSS` of /proc/<pid>/status). */
export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** One request of a load run: resolves true when the answer was the expected success. */
export type LoadRequest = () => Promise<boolean>;

/** What a load run did: requests, failures (non-success or thrown), rate achieved and latency percentiles in ms. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  /** Requests not started because `maxInFlight` were already waiting (open loop only): overload. */
  shed: number;
}

function summarise(latencies: number[], errors: number, shed: number, ms: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return {
    requests: latencies.length,
    errors,
    seconds: ms / 1000,
    rate: Math.round((latencies.length / (ms / 1000)) * 10) / 10,
    p50: at(0.5),
    p99: at(0.99),
    shed,
  };
}

async function timed(next: () => LoadRequest, latencies: number[], fail: () => void): Promise<void> {
  const started = performance.now();
  try {
    if (!(await next()())) fail();
  } catch {
    fail();
  }
  latencies.push(performance.now() - started);
}

/** Closed loop: `workers` clients each send the next request as soon as the last one answered, for `seconds`. Measures capacity. */
export async function closedLoop(next: () => LoadRequest, workers: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) await timed(next, latencies, () => (errors += 1));
    }),
  );
  return summarise(latencies, errors, 0, performance.now() - start);
}

/**
 * Open loop: starts requests at `rate` per second whatever the answers do (a steady offered load),
 * for `seconds`, with at most `maxInFlight` waiting (beyond that a request is counted as shed).
 */
export async function openLoop(
  next: () => LoadRequest,
  rate: number,
  seconds: number,
  maxInFlight = 256,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  let errors = 0;
  let shed = 0;
  let sent = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed >= seconds) {
        clearInterval(tick);
        resolve();
        return;
      }
      for (; sent < Math.floor(elapsed * rate); sent++) {
        if (pending.size >= maxInFlight) {
          shed += 1;
          continue;
        }
        const p = timed(next, latencies, () => (errors += 1)).finally(() => pending.delete(p));
        pending.add(p);
      }
    }, 5);
  });
  await Promise.all(pending);
  return summarise(latencies, errors, shed, performance.now() - start);
}

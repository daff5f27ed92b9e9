/** Upper bounds (seconds) of the request latency histogram. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

interface Series {
  method: string;
  route: string;
  counts: Map<string, number>;
  buckets: number[];
  sum: number;
  total: number;
}

const escape = (v: string): string => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(",")}}`;

/** Calls and tokens of one operation and model since the usage ledger began. */
export interface TokenTotals {
  operation: string;
  model: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
}

function renderTokens(out: string[], tokens: TokenTotals[]): void {
  out.push("# HELP cortex_mem_tokens_total Tokens of LLM and embedding calls, by kind (in, out), operation and model.");
  out.push("# TYPE cortex_mem_tokens_total counter");
  for (const t of tokens) {
    const base = { operation: t.operation, model: t.model };
    out.push(`cortex_mem_tokens_total${labels({ kind: "in", ...base })} ${t.tokensIn}`);
    out.push(`cortex_mem_tokens_total${labels({ kind: "out", ...base })} ${t.tokensOut}`);
  }
  out.push("# HELP cortex_mem_provider_calls_total LLM and embedding requests, by operation and model.");
  out.push("# TYPE cortex_mem_provider_calls_total counter");
  for (const t of tokens)
    out.push(`cortex_mem_provider_calls_total${labels({ operation: t.operation, model: t.model })} ${t.calls}`);
}

/**
 * This process's memory, under the names Prometheus' Node.js clients use: the resident set, and
 * V8's heap (total reserved, in use) and memory outside it held by JS objects (Buffers, typed
 * arrays). What is resident and not V8's is native: SQLite's page cache, the HNSW index, the C heap.
 */
function renderProcessMemory(out: string[]): void {
  const m = process.memoryUsage();
  const gauges: [string, string, number][] = [
    ["process_resident_memory_bytes", "Resident memory size in bytes.", m.rss],
    ["nodejs_heap_size_total_bytes", "V8 heap reserved, in bytes.", m.heapTotal],
    ["nodejs_heap_size_used_bytes", "V8 heap in use, in bytes.", m.heapUsed],
    ["nodejs_external_memory_bytes", "Memory of JS objects held outside V8's heap, in bytes.", m.external],
  ];
  for (const [name, help, value] of gauges)
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
}

/**
 * In-process request metrics: counts per method, route template and status, and a latency
 * histogram per method and route. Rendered in the Prometheus text format by {@link render}.
 */
export class Metrics {
  readonly #series = new Map<string, Series>();
  #inFlight = 0;

  /** Marks a request as started; returns the function that records its end. */
  start(): (method: string, route: string, status: number, seconds: number) => void {
    this.#inFlight++;
    let done = false;
    return (method, route, status, seconds) => {
      if (done) return;
      done = true;
      this.#inFlight--;
      this.#observe(method, route, status, seconds);
    };
  }

  #observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let s = this.#series.get(key);
    if (!s) {
      s = { method, route, counts: new Map(), buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, total: 0 };
      this.#series.set(key, s);
    }
    s.counts.set(String(status), (s.counts.get(String(status)) ?? 0) + 1);
    LATENCY_BUCKETS.forEach((le, i) => {
      if (seconds <= le) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
    s.sum += seconds;
    s.total++;
  }

  /** Requests being served right now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * The Prometheus text exposition (version 0.0.4); `memories` is the store's current count, `jobs`
   * the job queue's count by status, `tokens` the usage ledger's totals per operation and model
   * (every process on the store counts into it, so the counters cover the CLI and workers too).
   */
  render(
    memories: number | null,
    jobs: Record<string, number> | null = null,
    tokens: TokenTotals[] | null = null,
  ): string {
    const out: string[] = [];
    const series = [...this.#series.values()].sort((a, b) =>
      `${a.route} ${a.method}`.localeCompare(`${b.route} ${b.method}`),
    );
    out.push("# HELP cortex_mem_http_requests_total HTTP requests served, by method, route and status.");
    out.push("# TYPE cortex_mem_http_requests_total counter");
    for (const s of series) {
      for (const [status, n] of [...s.counts].sort())
        out.push(`cortex_mem_http_requests_total${labels({ method: s.method, route: s.route, status })} ${n}`);
    }
    out.push("# HELP cortex_mem_http_request_duration_seconds Time to serve a request, by method and route.");
    out.push("# TYPE cortex_mem_http_request_duration_seconds histogram");
    for (const s of series) {
      const base = { method: s.method, route: s.route };
      LATENCY_BUCKETS.forEach((le, i) =>
        out.push(
          `cortex_mem_http_request_duration_seconds_bucket${labels({ ...base, le: String(le) })} ${s.buckets[i]}`,
        ),
      );
      out.push(`cortex_mem_http_request_duration_seconds_bucket${labels({ ...base, le: "+Inf" })} ${s.total}`);
      out.push(`cortex_mem_http_request_duration_seconds_sum${labels(base)} ${s.sum}`);
      out.push(`cortex_mem_http_request_duration_seconds_count${labels(base)} ${s.total}`);
    }
    out.push("# HELP cortex_mem_http_requests_in_flight Requests being served.");
    out.push("# TYPE cortex_mem_http_requests_in_flight gauge");
    out.push(`cortex_mem_http_requests_in_flight ${this.#inFlight}`);
    if (memories !== null) {
      out.push("# HELP cortex_mem_memories Memories in the store (all scopes).");
      out.push("# TYPE cortex_mem_memories gauge");
      out.push(`cortex_mem_memories ${memories}`);
    }
    if (jobs) {
      out.push("# HELP cortex_mem_jobs Jobs in the queue (async adds, expiry, optimizer), by status.");
      out.push("# TYPE cortex_mem_jobs gauge");
      for (const [status, n] of Object.entries(jobs).sort()) out.push(`cortex_mem_jobs${labels({ status })} ${n}`);
    }
    if (tokens) renderTokens(out, tokens);
    renderProcessMemory(out);
    return `${out.join("\n")}\n`;
  }
}

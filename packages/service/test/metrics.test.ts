import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS, Metrics } from "../src/metrics.js";

describe("Metrics", () => {
  it("counts by method, route and status and fills cumulative latency buckets", () => {
    const m = new Metrics();
    m.start()("GET", "/stats", 200, 0.003);
    m.start()("GET", "/stats", 200, 0.2);
    m.start()("GET", "/stats", 503, 40);
    const text = m.render(7);
    expect(text).toContain('cortex_mem_http_requests_total{method="GET",route="/stats",status="200"} 2');
    expect(text).toContain('cortex_mem_http_requests_total{method="GET",route="/stats",status="503"} 1');
    expect(text).toContain('cortex_mem_http_request_duration_seconds_bucket{method="GET",route="/stats",le="0.005"} 1');
    expect(text).toContain('cortex_mem_http_request_duration_seconds_bucket{method="GET",route="/stats",le="0.25"} 2');
    expect(text).toContain(
      `cortex_mem_http_request_duration_seconds_bucket{method="GET",route="/stats",le="${LATENCY_BUCKETS.at(-1)}"} 2`,
    );
    expect(text).toContain('cortex_mem_http_request_duration_seconds_bucket{method="GET",route="/stats",le="+Inf"} 3');
    expect(text).toContain('cortex_mem_http_request_duration_seconds_count{method="GET",route="/stats"} 3');
    expect(text).toMatch(/^cortex_mem_memories 7$/m);
  });

  it("tracks requests in flight, records each request once, and escapes label values", () => {
    const m = new Metrics();
    const end = m.start();
    expect(m.inFlight).toBe(1);
    end("GET", 'we"ird\\route', 200, 0.1);
    end("GET", 'we"ird\\route', 200, 0.1);
    expect(m.inFlight).toBe(0);
    const text = m.render(null);
    expect(text).toContain('route="we\\"ird\\\\route",status="200"} 1');
    expect(text).not.toContain("cortex_mem_memories ");
  });

  it("reports this process's resident memory and V8 heap, which a heap held by JS objects moves", () => {
    const value = (text: string, name: string) => Number(text.match(new RegExp(`^${name} (\\d+)$`, "m"))?.[1]);
    const before = new Metrics().render(null);
    const held = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    const after = new Metrics().render(null);
    expect(value(after, "process_resident_memory_bytes")).toBeGreaterThan(value(after, "nodejs_heap_size_used_bytes"));
    expect(value(after, "nodejs_heap_size_total_bytes")).toBeGreaterThanOrEqual(
      value(after, "nodejs_heap_size_used_bytes"),
    );
    expect(value(after, "nodejs_heap_size_used_bytes")).toBeGreaterThan(value(before, "nodejs_heap_size_used_bytes"));
    expect(value(after, "nodejs_external_memory_bytes")).toBeGreaterThan(0);
    expect(held).toHaveLength(200_000);
  });
});

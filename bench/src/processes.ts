import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Path of a workspace package's built bin (`cortex-mem`, `@cortex-mem/service`, `@cortex-mem/mcp`). */
export function binOf(pkg: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = (JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> }).bin;
  return join(dirname(manifest), Object.values(bin)[0] as string);
}

/** A child process and a way to end it. */
export interface Child {
  process: ChildProcess;
  url: string;
  stop(): Promise<number | null>;
}

/** Spawns `node <script>` and waits for a JSON log line on stderr carrying a `url`. */
export function spawnServer(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffer = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} did not report a URL within ${timeoutMs} ms: ${buffer.slice(-500)}`));
    }, timeoutMs);
    const stop = () =>
      new Promise<number | null>((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once("exit", (code) => done(code));
        child.kill("SIGTERM");
      });
    child.stderr.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split("\n")) {
        const url = line.match(/"url":"([^"]+)"/)?.[1] ?? line.match(/^(http:\/\/\S+)$/)?.[1];
        if (url) {
          clearTimeout(timer);
          buffer = "";
          child.stderr.removeAllListeners("data");
          child.stderr.resume();
          resolve({ process: child, url, stop });
          return;
        }
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready: ${buffer.slice(-500)}`));
    });
  });
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Resident memory of a process split into anonymous memory and file-backed pages (MB). */
export function rssPartsMb(pid: number): { anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? Number.NaN) / 1024;
  return { anon: mb("RssAnon"), file: mb("RssFile") };
}

/**
 * The C allocator's main heap of a process in MB (`[heap]` in its smaps: SQLite's page cache,
 * Buffers, and whatever was freed there but not given back to the system).
 */
export function mallocHeapMb(pid: number): number {
  let kb = 0;
  let inHeap = false;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inHeap = line.endsWith("[heap]");
    else if (inHeap && line.startsWith("Rss:")) kb += Number(line.split(/\s+/)[1]);
  }
  return kb / 1024;
}

/** Runs a command to completion and returns its wall time in ms (throws on a non-zero exit). */
export function timeCommand(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) =>
      code === 0
        ? resolve(performance.now() - start)
        : reject(new Error(`${args.join(" ")} exited ${code}: ${err.slice(-300)}`)),
    );
  });
}

/** A free loopback port (briefly bound, then released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the service bin quietly (log level error) on a chosen port and waits for `/health`. */
export async function spawnQuietService(env: Record<string, string>, timeoutMs = 60_000, workers = 1): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [binOf("@cortex-mem/service"), "--port", String(port), "--workers", String(workers)],
    { env: { ...process.env, ...env, CORTEX_MEM_LOG_LEVEL: "error" }, stdio: ["ignore", "ignore", "inherit"] },
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("service did not become healthy in time");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.once("exit", (code) => done(code));
      child.kill("SIGTERM");
    });
  return { process: child, url, stop };
}

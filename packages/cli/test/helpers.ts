import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The BUILT binary every test spawns. */
export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** What a finished CLI process left behind. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of one CLI run: its home, what to pipe on stdin, extra environment, working directory. */
export interface CliOptions {
  home: string;
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * Spawns `node dist/bin.js ...args` with a clean environment (no API keys leak in from the
 * machine) and its own CORTEX_MEM_HOME; resolves when it exits. Async, so a fake server in this
 * process keeps answering.
 */
export function cli(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? "", HOME: options.home, CORTEX_MEM_HOME: options.home, ...options.env };
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? options.home,
      env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Runs the CLI with `--json` appended, expects success, and parses stdout. */
export async function cliJson<T = Record<string, unknown>>(args: string[], options: CliOptions): Promise<T> {
  const result = await cli([...args, "--json"], options);
  if (result.code !== 0) throw new Error(`cortex-mem ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** A fresh temp directory used as CORTEX_MEM_HOME; `cleanup()` removes it. */
export async function tempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), "cortex-mem-cli-"));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/** Adds memories verbatim for `user` and returns their ids. */
export async function seed(home: string, user: string, contents: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const content of contents) {
    const out = await cliJson<{ results: { id: string }[] }>(["add", content, "-u", user, "--no-infer"], { home });
    ids.push((out.results[0] as { id: string }).id);
  }
  return ids;
}

/** Total memories in the home (to prove a failed command wrote nothing). */
export async function total(home: string): Promise<number> {
  return (await cliJson<{ total: number }>(["stats"], { home })).total;
}

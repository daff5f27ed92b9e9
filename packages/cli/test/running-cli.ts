import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { BIN } from "./helpers.js";

/** A CLI process left running (serve, mcp), with its output so far. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout text `pick` accepts; rejects if the process exits first. */
  waitFor<T>(pick: (stdout: string) => T | undefined): Promise<T>;
  /** Resolves with the exit code (signals count as failures: -1). */
  exited: Promise<number>;
}

/** Spawns the built CLI and keeps it running; the caller ends it (SIGTERM or closing stdin). */
export function startCli(args: string[], home: string, env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: home,
    env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, ...env },
  });
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    waiters.forEach((w) => w());
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) =>
    child.on("close", (code) => {
      waiters.forEach((w) => w());
      resolve(code ?? -1);
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor<T>(pick: (stdout: string) => T | undefined): Promise<T> {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const value = pick(out);
          if (value !== undefined) {
            waiters.delete(check);
            resolve(value);
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            reject(new Error(`cortex-mem ${args.join(" ")} exited ${child.exitCode}: ${err}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Parses the first complete JSON document of `text`, or undefined while it is incomplete. */
export function firstJson<T>(text: string): T | undefined {
  const end = text.indexOf("\n}");
  if (end < 0) return undefined;
  return JSON.parse(text.slice(0, end + 2)) as T;
}

/** The JSON-RPC response with this id among newline-delimited messages, once it arrived. */
export function rpcResponse(text: string, id: number): Record<string, unknown> | undefined {
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as { id?: number };
    if (message.id === id) return message as Record<string, unknown>;
  }
  return undefined;
}

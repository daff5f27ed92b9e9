import { createReadStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { UsageError } from "../runtime/exit-codes.js";

/** Reads all of stdin as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a file (`-` means stdin) as text; a missing file is a usage error naming the path. */
export async function readTextFile(path: string): Promise<string> {
  if (path === "-") return readStdin();
  if (!existsSync(path)) throw new UsageError(`File not found: ${path} (check the path, or use - to read stdin)`);
  return readFile(path, "utf8");
}

/** The lines of a file (`-` means stdin), streamed, for imports of any size. */
export function readLines(path: string): AsyncIterable<string> {
  if (path !== "-" && !existsSync(path))
    throw new UsageError(`File not found: ${path} (check the path, or use - to read stdin)`);
  const input = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  return createInterface({ input, crlfDelay: Infinity });
}

/** Counts the non-empty lines of a file (for a progress total); `undefined` for stdin. */
export async function countLines(path: string): Promise<number | undefined> {
  if (path === "-") return undefined;
  let n = 0;
  for await (const line of readLines(path)) if (line.trim() !== "") n += 1;
  return n;
}

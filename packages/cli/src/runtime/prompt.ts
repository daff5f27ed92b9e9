import { createInterface } from "node:readline";
import { AbortedError } from "./exit-codes.js";

/** Reads one line from stdin; resolves `null` when stdin ends first (no answer). */
export function readAnswer(input: NodeJS.ReadableStream = process.stdin): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, terminal: false });
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once("close", () => {
      if (!answered) resolve(null);
    });
  });
}

/**
 * Asks a yes/no question on stderr and reads the answer from stdin (a terminal or a pipe).
 * Anything but `y`/`yes` — including no answer at all — refuses with {@link AbortedError}.
 * `yes: true` (the `--yes` flag) skips the question for scripts.
 */
export async function confirm(question: string, options: { yes?: boolean }): Promise<void> {
  if (options.yes) return;
  process.stderr.write(`${question} [y/N] `);
  const answer = await readAnswer();
  // A terminal echoes the answer and its newline; a pipe does not, so end the prompt line here.
  if (answer === null || !process.stdin.isTTY) process.stderr.write(answer === null ? "\n" : `${answer}\n`);
  process.stdin.pause();
  if (answer !== null && /^\s*y(es)?\s*$/i.test(answer)) return;
  throw new AbortedError(
    `Aborted: nothing was changed${answer === null ? " (no answer on stdin)" : ""}. Pass --yes to skip this question in scripts.`,
  );
}

import type { Colors } from "./colors.js";
import { colorsFor } from "./colors.js";

/** Writes to a stream and waits for it to drain when its buffer is full (large exports). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else stream.once("drain", () => resolve());
  });
}

/**
 * Where a command's output goes. With `--json`, stdout carries exactly one JSON document (or JSONL
 * for `export`) and nothing else; human text goes to stdout otherwise; notes and progress always
 * go to stderr.
 */
export class Output {
  readonly json: boolean;
  /** Colours for stdout text. */
  readonly c: Colors;
  /** Colours for stderr text. */
  readonly ce: Colors;

  constructor(options: { json: boolean }) {
    this.json = options.json;
    this.c = colorsFor(process.stdout);
    this.ce = colorsFor(process.stderr);
  }

  /** The command's result as JSON on stdout. */
  async data(value: unknown): Promise<void> {
    await write(process.stdout, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Human lines on stdout (never in `--json` mode). */
  async text(...lines: string[]): Promise<void> {
    if (this.json) return;
    await write(process.stdout, lines.map((l) => `${l}\n`).join(""));
  }

  /** Prints `json()` of the value with `--json`, else the human lines `human()` gives. */
  async result(value: unknown, human: () => string[]): Promise<void> {
    if (this.json) await this.data(value);
    else await this.text(...human());
  }

  /** A note on stderr (progress, hints, what was done), shown in both modes. */
  note(line: string): void {
    process.stderr.write(`${line}\n`);
  }
}

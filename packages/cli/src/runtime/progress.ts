/** Reports how far a long run got. */
export interface Progress {
  /** `done` items out of `total` (when known). */
  update(done: number, total?: number): void;
  /** Ends the report with a final line. */
  finish(message: string): void;
}

const BAR_WIDTH = 28;

/**
 * Progress on stderr: a redrawn bar when stderr is a terminal, plain `label: done/total` lines
 * otherwise (logs, CI), at most one per `everyMs` except the final one. `quiet` prints nothing
 * but the final line.
 */
export function createProgress(
  label: string,
  options: { quiet?: boolean; everyMs?: number; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const everyMs = options.everyMs ?? (tty ? 80 : 1000);
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (options.quiet) return;
      const now = Date.now();
      const complete = total !== undefined && done >= total;
      if (!complete && now - last < everyMs && last !== 0) return;
      last = now;
      const count = total === undefined ? `${done}` : `${done}/${total}`;
      if (!tty) {
        stream.write(`${label}: ${count}\n`);
        return;
      }
      const ratio = total ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar =
        total === undefined
          ? ""
          : `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${Math.round(ratio * 100)}% `;
      stream.write(`\r${label} ${bar}${count}\x1b[K`);
      drawn = true;
    },
    finish(message) {
      if (drawn) stream.write("\r\x1b[K");
      stream.write(`${message}\n`);
    },
  };
}

import pc from "picocolors";

/** The colour functions the CLI uses; identity functions when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colour only on a terminal: `NO_COLOR` (any non-empty value) always wins, `FORCE_COLOR`
 * (non-empty, not `0`) turns it on for pipes, otherwise the stream must be a TTY.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

/** Colour functions for one output stream. */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  return pc.createColors(colorEnabled(stream, env));
}

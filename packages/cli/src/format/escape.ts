// C0/C1 controls except tab and newline, DEL, and the bidirectional overrides that reorder a line.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/**
 * Text stored by someone else, made safe to print on a terminal: control characters (an ESC that
 * would start a terminal escape sequence, a carriage return that would overwrite the line, bidi
 * overrides) are shown as `\x1b`-style escapes. Human output only; `--json` keeps content exact.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, visible);
}

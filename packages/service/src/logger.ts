/** Severity of a log line; `silent` writes nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Fields attached to a log line (request id, route, status…). */
export type LogFields = Record<string, unknown>;

/** Where the service writes its structured logs; pass your own to route them elsewhere. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** What {@link createJsonLogger} writes to: anything with `write(string)` (default `process.stderr`). */
export interface LogSink {
  write(line: string): unknown;
}

/**
 * A logger writing one JSON object per line (`time`, `level`, `msg`, then the fields) to stderr,
 * so stdout stays free and log collectors can parse every line.
 */
export function createJsonLogger(options: { level?: LogLevel; sink?: LogSink } = {}): Logger {
  const min = RANK[options.level ?? "info"];
  const sink = options.sink ?? process.stderr;
  const write = (level: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields): void => {
    if (RANK[level] < min) return;
    sink.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

/** A logger that drops everything (tests, embedding the app in a host with its own logs). */
export const silentLogger: Logger = createJsonLogger({ level: "silent" });

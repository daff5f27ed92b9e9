import type { z } from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";
import { closest } from "../util/did-you-mean.js";
import type { ValidationIssue } from "../util/zod-error.js";
import { snake } from "./config-file.js";
import { CONFIG_SECTIONS } from "./schema.js";

/** Where a config value came from, later sources winning. */
export type ConfigSource = "default" | "file" | "env" | "flag";

type Sources = Record<string, ConfigSource>;

/** The source of a path: its own, or the nearest enclosing one's (an array or object set whole). */
function sourceOf(path: string[], sources: Sources): ConfigSource {
  for (let n = path.length; n > 0; n -= 1) {
    const source = sources[path.slice(0, n).join(".")];
    if (source) return source;
  }
  const prefix = `${path.join(".")}.`;
  const below = Object.entries(sources).find(([key]) => key.startsWith(prefix));
  return below ? below[1] : "default";
}

/** A path as its writer spells it: camelCase for library/flag overrides, snake_case for files and env. */
function spell(path: (string | number)[], source: ConfigSource): string {
  return path.map((p) => (source === "flag" || typeof p === "number" ? String(p) : snake(p))).join(".");
}

/** The keys a section (or the top level) knows, for "did you mean". */
function knownKeys(path: (string | number)[]): string[] {
  if (path.length === 0) return ["home", ...Object.keys(CONFIG_SECTIONS)];
  const section = CONFIG_SECTIONS[path[0] as keyof typeof CONFIG_SECTIONS];
  if (path.length === 1 && section) return Object.keys(section.shape);
  // A table inside a section (`[memory.ttl]`).
  const inner =
    path.length === 2 ? (section?.shape as Record<string, z.ZodType> | undefined)?.[String(path[1])] : undefined;
  const shape = (inner?._zod.def as { innerType?: { shape?: object }; shape?: object } | undefined) ?? {};
  return Object.keys(shape.shape ?? shape.innerType?.shape ?? {});
}

/** One readable issue per bad key: unknown keys one by one, each named as written, with a suggestion. */
export function configIssues(error: z.ZodError, sources: Sources, input: Record<string, unknown>): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code !== "unrecognized_keys") {
      const source = sourceOf(path.map(String), sources);
      out.push({ path: spell(path, source), message: `${issue.message} (from ${source})` });
      continue;
    }
    for (const key of issue.keys) {
      const source = sourceOf([...path.map(String), key], sources);
      const isSection = path.length === 0 && typeof input[key] === "object" && source !== "flag";
      const name = (k: string): string => (isSection ? `[${snake(k)}]` : spell([...path, k], source));
      const suggestion = closest(key, knownKeys(path));
      const hint = suggestion ? `; did you mean ${name(suggestion)}?` : "";
      const what = isSection ? `unknown section ${name(key)}` : "unknown key";
      out.push({ path: spell([...path, key], source), message: `${what} (from ${source})${hint}` });
    }
  }
  return out;
}

/** The one `CONFIG` error of a failed validation, every issue named in the message and the details. */
export function configError(error: z.ZodError, sources: Sources, input: Record<string, unknown>): CortexMemError {
  const issues = configIssues(error, sources, input);
  const text = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new CortexMemError(ErrorCode.CONFIG, `Invalid configuration: ${text}`, { details: issues });
}

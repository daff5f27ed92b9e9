import type { z } from "zod";

interface Def {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  options?: unknown[];
  in?: unknown;
  out?: unknown;
  left?: unknown;
  right?: unknown;
  valueType?: unknown;
  getter?: () => unknown;
}

const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The schemas a value is checked by, looking through optional, default, pipe, union and the like. */
function unwrap(schema: unknown, depth = 0): unknown[] {
  const def = defOf(schema);
  if (!def || depth > 20) return [];
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return unwrap(def.innerType, depth + 1);
    case "pipe":
      return [...unwrap(def.in, depth + 1), ...unwrap(def.out, depth + 1)];
    case "union":
      return (def.options ?? []).flatMap((o) => unwrap(o, depth + 1));
    case "intersection":
      return [...unwrap(def.left, depth + 1), ...unwrap(def.right, depth + 1)];
    case "lazy":
      return def.getter ? unwrap(def.getter(), depth + 1) : [];
    default:
      return [schema];
  }
}

/** The schemas that check the value at `path` inside `schema` (several where a union allows). */
function schemasAt(schema: unknown, path: readonly PropertyKey[]): unknown[] {
  let current = unwrap(schema);
  for (const step of path) {
    current = current.flatMap((s) => {
      const def = defOf(s) as Def;
      if (def.type === "object" && typeof step === "string" && def.shape?.[step]) return unwrap(def.shape[step]);
      if (def.type === "array" && typeof step === "number") return unwrap(def.element);
      if (def.type === "record") return unwrap(def.valueType);
      return [];
    });
  }
  return current;
}

/**
 * The field names an object accepts at `path` inside `schema`, for "did you mean" on an unknown
 * field. Reads zod's schema definitions; an unreadable schema gives no names (and no suggestion).
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path).flatMap((s) => {
    const def = defOf(s) as Def;
    return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
  });
  return [...new Set(keys)];
}

import * as z from "zod";

/** Every stand-in made by `lazySchema`, and those whose schema has been built. */
const lazyStandIns = new WeakSet<object>();
const builtStandIns = new WeakSet<object>();

/**
 * A zod schema built on first use instead of at module load (issue 14: building every schema of
 * core when a process starts cost a cold `cortex-mem search`, MCP and the service a large share of
 * their start-up CPU, for schemas most commands never touch).
 *
 * The result stands in for the schema everywhere: `parse`, `shape`, `extend`, `instanceof`,
 * composing it into other schemas and `z.toJSONSchema` (its metadata — `describe`, `meta` — is
 * registered for the stand-in too) all behave as on the schema `build` returns, which is built
 * once, the first time anything is read from it. `build` must be pure: it runs at an unknown time.
 */
export function lazySchema<T extends z.core.$ZodType>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => {
    if (built === undefined) {
      built = build();
      builtStandIns.add(stand);
      const meta = z.globalRegistry.get(built);
      if (meta !== undefined) z.globalRegistry.add(stand, meta);
    }
    return built;
  };
  let internals: object | undefined;
  const stand = new Proxy({} as T, {
    get: (_target, key) => (key === "_zod" ? (internals ??= jsonSchemaView(real(), stand)) : Reflect.get(real(), key)),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // Reported configurable: the stand-in's own (empty) target holds none of them, which a proxy
    // may not report as non-configurable.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  lazyStandIns.add(stand);
  return stand;
}

/**
 * Whether a schema made by {@link lazySchema} has been built yet (always true for any other
 * value): what start-up tests check, since building schemas nobody uses is the cost it avoids.
 */
export function isSchemaBuilt(schema: object): boolean {
  return builtStandIns.has(schema) || !lazyStandIns.has(schema);
}

interface JsonSchemaContext {
  seen: Map<unknown, unknown>;
}

/**
 * The schema's internals as seen through its stand-in. `z.toJSONSchema` keys what it has seen by
 * the schema object it was given (the stand-in), while the schema's own JSON Schema processor
 * looks itself up: while that processor runs, the schema's entry is the stand-in's.
 */
function jsonSchemaView(schema: z.core.$ZodType, stand: object): object {
  const internals = schema._zod as unknown as Record<PropertyKey, unknown>;
  return new Proxy(internals, {
    get: (target, key) => {
      const value = Reflect.get(target, key);
      if (key !== "processJSONSchema" || typeof value !== "function") return value;
      return (ctx: JsonSchemaContext, ...rest: unknown[]) => {
        const had = ctx.seen.has(schema);
        const own = ctx.seen.get(schema);
        ctx.seen.set(schema, ctx.seen.get(stand));
        try {
          return (value as (...args: unknown[]) => unknown)(ctx, ...rest);
        } finally {
          if (had) ctx.seen.set(schema, own);
          else ctx.seen.delete(schema);
        }
      };
    },
  });
}
